import { BaseEdge, EdgeLabelRenderer, Handle, Position, getBezierPath, type EdgeProps, type NodeProps, type Node, type Edge } from '@xyflow/react';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkflowState } from '../../metadata/vocabulary';
import { CATEGORY_COLORS } from './graph';

export type StateNodeData = {
  state: WorkflowState;
  initial: boolean;
  draft: boolean;
  unreachable: boolean;
  deadEnd: boolean;
  issues: string[];
};
export type StateNodeType = Node<StateNodeData, 'state'>;
export type AnyNodeType = Node<Record<string, never>, 'any'>;

export function StateNode({ data, selected }: NodeProps<StateNodeType>) {
  const { t, i18n } = useTranslation();
  const { state } = data;
  const label = i18n.language === 'en' && state.labelEn ? state.labelEn : state.label;
  const color = CATEGORY_COLORS[state.category] ?? '#595959';
  const broken = data.unreachable || data.deadEnd || data.issues.length > 0;
  return (
    <div
      className={`dd-state-node dd-cat-${state.category}${selected ? ' is-selected' : ''}${broken ? ' has-issues' : ''}${data.unreachable ? ' is-unreachable' : ''}`}
      style={{ borderColor: broken ? '#cf1322' : color }}
      data-state={state.key}
      aria-label={`${label}${data.unreachable ? ` — ${t('workflow.unreachable')}` : ''}`}
    >
      <Handle type="target" position={Position.Top} />
      <div className="dd-state-stripe" style={{ background: state.color ?? color }} />
      <div className="dd-state-body">
        <strong className="dd-state-label">{label}</strong>
        <span className="dd-state-meta">
          <code>{state.key}</code>
          <Tag color={color} bordered={false}>
            {t(`workflow.categories.${state.category}`)}
          </Tag>
        </span>
        <span className="dd-state-flags">
          {data.initial ? <Tag color="blue">{t('workflow.initial')}</Tag> : null}
          {data.draft ? <Tag>{t('workflow.draftState')}</Tag> : null}
          {data.unreachable ? (
            <Tag color="error" className="dd-unreachable">
              ⚠ {t('workflow.unreachable')}
            </Tag>
          ) : null}
          {data.deadEnd ? <Tag color="warning">{t('workflow.deadEnd')}</Tag> : null}
          {data.issues.length && !data.unreachable ? (
            <Tooltip title={data.issues.join('\n')}>
              <Tag color="error">{t('workflow.issueCount', { count: data.issues.length })}</Tag>
            </Tooltip>
          ) : null}
        </span>
      </div>
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

export function AnyNode() {
  const { t } = useTranslation();
  return (
    <div className="dd-any-node" title={t('workflow.anyHelp')}>
      {t('workflow.any')}
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

export type TransitionEdgeData = { label: string; issues: string[]; loopIndex: number; onSelect(): void };
export type TransitionEdgeType = Edge<TransitionEdgeData, 'transition'>;

/** An edge with its transition's label; a transition to the same state is drawn as a loop on the right. */
export function TransitionEdge(props: EdgeProps<TransitionEdgeType>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const broken = (data?.issues.length ?? 0) > 0;
  const stroke = broken ? '#cf1322' : selected ? '#a8071a' : '#8c8c8c';
  let path: string;
  let lx: number;
  let ly: number;
  if (source === target) {
    const k = data?.loopIndex ?? 0;
    const r = 28 + k * 16;
    const x = sourceX + 105; // the node's right edge
    const y = (sourceY + targetY) / 2;
    path = `M ${x} ${y - 14} C ${x + r * 2} ${y - 14 - r}, ${x + r * 2} ${y + 14 + r}, ${x} ${y + 14}`;
    lx = x + r * 1.6;
    ly = y + (k % 2 ? 12 : -12);
  } else {
    [path, lx, ly] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  }
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={{ stroke, strokeWidth: selected ? 2.5 : 1.5 }} />
      <EdgeLabelRenderer>
        <button
          type="button"
          className={`dd-edge-label nodrag nopan${selected ? ' is-selected' : ''}${broken ? ' has-issues' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)`, pointerEvents: 'all' }}
          onClick={() => data?.onSelect()}
        >
          {data?.label}
        </button>
      </EdgeLabelRenderer>
    </>
  );
}
