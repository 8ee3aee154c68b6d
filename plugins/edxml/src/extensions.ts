// What the edXML plugin adds to metadata: the field type of an organisation code (mã định danh điện tử,
// NNN.NN.NN.Xnn, Quyết định 20/2020/QĐ-TTg) that forms may use, and the report dataset of the edXML
// messages taken in (per sender, day, business type), read under the viewer's Document permission filter.
import type { Dataset, FieldTypeDef } from '@dondoc/engine/plugins';

/** Mã định danh điện tử of an agency or organisation: three levels of digits and a letter-and-two-digit province part. */
export const ORGAN_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

export const organCodeType: FieldTypeDef = {
  name: 'ma-dinh-danh',
  label: 'mã định danh điện tử của cơ quan, tổ chức dạng NNN.NN.NN.Xnn (ví dụ 000.00.05.H26)',
  labelEn: 'an electronic organisation code NNN.NN.NN.Xnn (e.g. 000.00.05.H26)',
  description: 'Mã định danh điện tử của cơ quan, tổ chức phục vụ kết nối, chia sẻ dữ liệu (Quyết định 20/2020/QĐ-TTg), như trong OrganId của edXML',
  schema: { type: 'string', maxLength: 13 },
  widget: 'text',
  validate: (value) => ORGAN_CODE.test(value),
};

/** The edXML messages received: one row per message (new, revoke, update, replace), with its document's unit. */
export const messagesDataset: Dataset = {
  key: 'edxml-messages',
  label: 'Văn bản điện tử edXML đã nhận',
  from: (knex) => knex('edxml_messages').join('documents', 'documents.id', 'edxml_messages.document_id'),
  // Rows of documents the viewer may read, as GET /api/documents lists them.
  subject: 'Document',
  accessFields: { id: 'documents.id', pillar: 'documents.pillar', unitId: 'documents.unit_id', unitPath: 'documents.unit_path' },
  fields: {
    id: { column: 'edxml_messages.id', type: 'number' },
    documentId: { column: 'edxml_messages.document_id', type: 'number' },
    externalId: { column: 'edxml_messages.external_id', type: 'string' },
    businessType: { column: 'edxml_messages.business_type', type: 'number' },
    senderCode: { column: 'edxml_messages.sender_code', type: 'string' },
    senderName: { column: 'edxml_messages.sender_name', type: 'string' },
    receivedAt: { column: 'edxml_messages.received_at', type: 'timestamp' },
    importId: { column: 'edxml_messages.import_id', type: 'number' },
    pillar: { column: 'documents.pillar', type: 'string' },
    unitId: { column: 'documents.unit_id', type: 'unit', path: 'documents.unit_path' },
    documentStatus: { column: 'documents.status', type: 'string' },
  },
  dimensions: { unit: 'documents.unit_id', pillar: 'documents.pillar', sourceDocument: 'edxml_messages.document_id' },
  periodField: 'receivedAt',
  formFields: false,
  taskMeasures: false,
  drillId: 'edxml_messages.id',
};
