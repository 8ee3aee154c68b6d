/* eslint-disable */
/**
 * Generated from metadata/schemas/*.schema.json by `npm run gen:types`. Do not edit: change the schema
 * and regenerate.
 */

/**
 * A form (biểu mẫu): the JSON Schema of a task's custom data or of a transition's inputs, how @rjsf renders it, and per-field options.
 */
export interface Form {
  /**
   * Vietnamese title.
   */
  title: string;
  /**
   * English title.
   */
  titleEn?: string;
  /**
   * Help text shown above the form.
   */
  description?: string;
  schema: FormDataSchema;
  /**
   * @rjsf uiSchema: keys are field names of schema.properties or ui:* options (ui:order, ui:submitButtonOptions...).
   */
  uiSchema?: {
    [k: string]: unknown;
  };
  /**
   * Options per field of schema.properties, keyed by field name.
   */
  fields?: {
    [k: string]: FormFieldOptions;
  };
}
/**
 * JSON Schema (draft 2020-12) of the data: an object whose properties are the fields. Compiled with ajv and ajv-formats; field names are identifiers.
 */
export interface FormDataSchema {
  type: 'object';
  /**
   * The fields, each a JSON Schema.
   */
  properties: {
    [k: string]: {
      [k: string]: unknown;
    };
  };
  /**
   * Fields that must be filled.
   */
  required?: string[];
  [k: string]: unknown;
}
export interface FormFieldOptions {
  /**
   * English label (the Vietnamese one is the field schema's title).
   */
  titleEn?: string;
  /**
   * Give the field a generated, indexed column so lists and reports filter and group by it as fast as by a core column. Scalar fields only.
   */
  indexed?: boolean;
  /**
   * Column type of an indexed field; default from the field's JSON type (string/number; date for format date or date-time).
   */
  indexType?: 'string' | 'number' | 'date';
  /**
   * Show the field as a column in task lists.
   */
  listed?: boolean;
  /**
   * Key of the catalog whose active item values the field takes; the UI offers them as choices.
   */
  catalog?: string;
  /**
   * Role keys that may see the field; absent = everyone who can read the task.
   */
  read?: string[];
  /**
   * Role keys that may change the field; absent = everyone who can update the task.
   */
  edit?: string[];
}
