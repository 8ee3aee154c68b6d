/* eslint-disable */
/**
 * Generated from metadata/schemas/*.schema.json by `npm run gen:types`. Do not edit: change the schema
 * and regenerate.
 */

/**
 * An editable list of values (danh mục): document types, urgency, classification, priorities, sources of assignment...
 */
export interface Catalog {
  /**
   * Vietnamese name of the list.
   */
  name: string;
  /**
   * English name of the list.
   */
  nameEn?: string;
  /**
   * What the list is used for.
   */
  description?: string;
  /**
   * The entries; values are unique.
   */
  items: CatalogItem[];
}
export interface CatalogItem {
  /**
   * Stored value; stable, never shown.
   */
  value: string;
  /**
   * Vietnamese label.
   */
  label: string;
  /**
   * English label.
   */
  labelEn?: string;
  /**
   * Abbreviation, e.g. NQ for Nghị quyết.
   */
  abbreviation?: string;
  /**
   * Longer explanation shown as help.
   */
  description?: string;
  /**
   * Display order, ascending; ties keep the list order.
   */
  order?: number;
  /**
   * False hides the item from new choices while old data keeps it. Default true.
   */
  active?: boolean;
}
