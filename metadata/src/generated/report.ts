/* eslint-disable */
/**
 * Generated from metadata/schemas/*.schema.json by `npm run gen:types`. Do not edit: change the schema
 * and regenerate.
 */

/**
 * A report (báo cáo thống kê): a dataset grouped by dimensions into measures, with parameters, filters and a visualisation. Rows are limited to what the caller may read.
 */
export interface Report {
  /**
   * Vietnamese name.
   */
  name: string;
  /**
   * English name.
   */
  nameEn?: string;
  /**
   * What the report shows.
   */
  description?: string;
  /**
   * Rows the report aggregates: tasks, documents (directive documents) or events (history events), or a dataset a plugin registers (e.g. edxml-messages). A name no enabled plugin registers is refused when the report is saved or published.
   */
  dataset: string;
  /**
   * Inputs the caller gives (query string of GET /api/reports/{key}).
   */
  parameters?: ReportParameter[];
  /**
   * Conditions on the rows, all of which must hold.
   */
  filters?: ReportFilter[];
  /**
   * Group-by columns, in order; none = one row.
   */
  dimensions: ReportDimension[];
  /**
   * Computed columns.
   *
   * @minItems 1
   */
  measures: ReportMeasure[];
  /**
   * Row order.
   */
  sort?: {
    /**
     * Key of a dimension or measure.
     */
    key: string;
    dir: 'asc' | 'desc';
  }[];
  /**
   * Maximum number of rows.
   */
  limit?: number;
  /**
   * Add a totals row.
   */
  totals?: boolean;
  /**
   * N of the dueSoon category (sắp đến hạn: due within N days). Default 3.
   */
  dueSoonDays?: number;
  /**
   * How the UI draws the rows.
   */
  visualisation?: {
    type: 'table' | 'bar' | 'line' | 'pie' | 'stackedBar';
    /**
     * Dimension on the x axis (or the pie's slices).
     */
    x?: string;
    /**
     * Measures drawn as series.
     */
    series?: string[];
  };
}
export interface ReportParameter {
  /**
   * Name in the query string.
   */
  key: string;
  /**
   * Vietnamese label.
   */
  label: string;
  /**
   * English label.
   */
  labelEn?: string;
  /**
   * date (yyyy-MM-dd), string, number, unit (a unit id), enum (one of options), pillar (pillar key), taskType (task type key).
   */
  type: 'date' | 'string' | 'number' | 'unit' | 'enum' | 'pillar' | 'taskType';
  required?: boolean;
  /**
   * Value when the caller gives none. Dates also accept today, startOfMonth, startOfQuarter, startOfYear.
   */
  default?: {
    [k: string]: unknown;
  };
  /**
   * enum: the choices (or use catalog).
   */
  options?: {
    value: string | number;
    label: string;
    labelEn?: string;
  }[];
  /**
   * enum: take the choices from this catalog.
   */
  catalog?: string;
}
export interface ReportFilter {
  /**
   * A core field of the dataset (e.g. assignedAt, dueDate, leadUnitPath, typeKey, state) or data.<field> for an indexed form field.
   */
  field: string;
  /**
   * between takes [from, to] (inclusive); subtree takes a unit id and matches its whole subtree; contains is a substring match.
   */
  op: 'eq' | 'ne' | 'in' | 'lt' | 'lte' | 'gt' | 'gte' | 'between' | 'subtree' | 'contains';
  /**
   * Fixed operand.
   */
  value?: {
    [k: string]: unknown;
  };
  /**
   * Take the operand from this parameter; the filter is skipped when the parameter is empty.
   */
  param?: string;
}
export interface ReportDimension {
  key: string;
  /**
   * Vietnamese column header.
   */
  label: string;
  /**
   * English column header.
   */
  labelEn?: string;
  /**
   * unit: lead unit (rolled up to depth); category: the deadline-outcome category; period: by reporting period of the due or assignment date; field: a form field.
   */
  type:
    'unit' | 'pillar' | 'taskType' | 'state' | 'category' | 'sourceDocument' | 'period' | 'field' | 'handler';
  /**
   * unit: roll sub-units up to the ancestor at this depth below the unit parameter (0 = the unit itself, 1 = its children).
   */
  depth?: number;
  /**
   * period: length.
   */
  period?: 'month' | 'quarter' | 'halfYear' | 'year';
  /**
   * period: calendar periods or those of Nghị định 09/2019 (15th to 14th). Default nd09.
   */
  calendar?: 'calendar' | 'nd09';
  /**
   * field: data.<field> of an indexed form field; period: the date field (default dueDate).
   */
  field?: string;
}
export interface ReportMeasure {
  key: string;
  /**
   * Vietnamese column header.
   */
  label: string;
  /**
   * English column header.
   */
  labelEn?: string;
  /**
   * completionRate = completed ÷ tasks whose deadline has arrived; onTimeRate = completed on time ÷ completed; categoryCount counts one deadline-outcome category.
   */
  type:
    | 'count'
    | 'onTimeRate'
    | 'completionRate'
    | 'avgDelayDays'
    | 'maxDelayDays'
    | 'overdueCount'
    | 'categoryCount';
  /**
   * categoryCount: hoàn thành đúng hạn, hoàn thành quá hạn, đang thực hiện trong hạn, đang thực hiện quá hạn, không thời hạn, sắp đến hạn.
   */
  category?: 'doneOnTime' | 'doneLate' | 'openOnTime' | 'openOverdue' | 'noDeadline' | 'dueSoon';
}
