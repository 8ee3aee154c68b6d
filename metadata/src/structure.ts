import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from './ajv.js';
import { escapePointerToken, issueAt, type ValidationIssue } from './issues.js';
import { ajvMessage } from './messages.js';
import type { MetadataKind } from './kinds.js';
import { metadataSchema } from './schemas.js';

const ajv = createAjv();
const compiled = new Map<MetadataKind, ValidateFunction>();

function validatorFor(kind: MetadataKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    validate = ajv.compile(metadataSchema(kind));
    compiled.set(kind, validate);
  }
  return validate;
}

/** Check a document against its kind's JSON Schema. */
export function validateStructure(kind: MetadataKind, body: unknown): ValidationIssue[] {
  const validate = validatorFor(kind);
  if (validate(body)) return [];
  return toIssues(validate.errors ?? []);
}

/** Convert ajv errors to issues whose path points at the offending value (or the missing/extra property). */
export function toIssues(errors: ErrorObject[]): ValidationIssue[] {
  // A bad property name is reported once by propertyNames itself; its sub-errors would repeat it.
  const kept = pruneUnionBranches(errors).filter((e) => !e.schemaPath.includes('/propertyNames/'));
  const issues = kept.map(toIssue);
  const paths = new Set(
    issues.filter((_, i) => kept[i].keyword !== 'discriminator').map((issue) => issue.path),
  );
  const seen = new Set<string>();
  return issues.filter((issue, i) => {
    const id = issue.path + '\n' + issue.message;
    // A missing tag is also a missing required property: keep the plainer message.
    const redundant = kept[i].keyword === 'discriminator' && paths.has(issue.path);
    if (seen.has(id) || redundant) return false;
    seen.add(id);
    return true;
  });
}

/** An ajv error as an issue: the Vietnamese from the shared message table (messages.ts), English as before. */
function toIssue(e: ErrorObject): ValidationIssue {
  const p = e.params as Record<string, unknown>;
  const at = (path: string, en: string, vi = ajvMessage(e, 'vi')) => issueAt(path, { vi, en });
  switch (e.keyword) {
    case 'required':
      return at(`${e.instancePath}/${escapePointerToken(String(p.missingProperty))}`, 'is required');
    case 'additionalProperties':
      return at(
        `${e.instancePath}/${escapePointerToken(String(p.additionalProperty))}`,
        'is not an allowed property',
      );
    case 'enum':
      return at(
        e.instancePath,
        `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      );
    case 'const':
      return at(e.instancePath, `must be ${JSON.stringify(p.allowedValue)}`);
    case 'propertyNames':
      return at(`${e.instancePath}/${escapePointerToken(String(p.propertyName))}`, 'is not a valid name');
    case 'type':
      return at(e.instancePath, `must be of type ${String(p.type).split(',').join(' or ')}`);
    case 'discriminator':
      return p.error === 'mapping'
        ? at(
            `${e.instancePath}/${escapePointerToken(String(p.tag))}`,
            'is not a known type',
            'Không phải loại đã biết',
          )
        : at(
            `${e.instancePath}/${escapePointerToken(String(p.tag))}`,
            'is required and must be a string',
            'Bắt buộc nhập và phải là chuỗi',
          );
    case 'oneOfRequired':
      return at(
        e.instancePath,
        e.message ?? 'needs one of the choices',
        `Cần một trong: ${(p.names as string[]).join(', ')}`,
      );
    default:
      return at(e.instancePath, e.message ?? `fails ${e.keyword}`);
  }
}

/**
 * With allErrors, a failed anyOf/oneOf reports every branch's errors plus its own. Keep only the branch
 * that came closest (fewest errors) so the author sees "party must be one of ..." rather than the noise
 * of the branches that were never meant. Branches are told apart by schemaPath, which restarts at each
 * $ref: so the schemas keep union branches free of $ref (or use a discriminator, which needs none of this).
 */
function pruneUnionBranches(errors: ErrorObject[]): ErrorObject[] {
  const unions = errors.filter(
    (e) => (e.keyword === 'anyOf' || e.keyword === 'oneOf') && !isFromMultipleMatch(e),
  );
  if (unions.length === 0) return errors;
  const drop = new Set<ErrorObject>();
  const replacements: ErrorObject[] = [];
  for (const u of unions) {
    const prefix = u.schemaPath + '/';
    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of errors) {
      // schemaPath is relative to the nearest $ref, so the instance path must match too.
      const under = e.instancePath === u.instancePath || e.instancePath.startsWith(u.instancePath + '/');
      if (!under || !e.schemaPath.startsWith(prefix)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      byBranch.set(branch, [...(byBranch.get(branch) ?? []), e]);
    }
    if (byBranch.size === 0) continue;
    const branches = [...byBranch.values()];
    branches.flat().forEach((e) => drop.add(e));
    drop.add(u);
    // Every branch only misses its own property ({} where {party} or {role} is wanted): say so once.
    const missing = branches.map((b) =>
      b.length === 1 && isRequiredAt(b[0], u.instancePath) ? b[0] : undefined,
    );
    if (missing.every(Boolean)) {
      const names = missing.map((e) => String((e!.params as { missingProperty: unknown }).missingProperty));
      replacements.push({
        ...u,
        keyword: 'oneOfRequired',
        params: { names },
        message: `needs one of: ${names.join(', ')}`,
      });
      continue;
    }
    const best = branches.reduce((a, b) => (b.length < a.length ? b : a));
    best.forEach((e) => drop.delete(e));
  }
  return [...errors.filter((e) => !drop.has(e)), ...replacements];
}

function isRequiredAt(e: ErrorObject, instancePath: string): boolean {
  return e.keyword === 'required' && e.instancePath === instancePath;
}

// oneOf also fails when several branches match; then there are no branch errors to choose from.
function isFromMultipleMatch(e: ErrorObject): boolean {
  return e.keyword === 'oneOf' && (e.params as { passingSchemas?: unknown }).passingSchemas != null;
}
