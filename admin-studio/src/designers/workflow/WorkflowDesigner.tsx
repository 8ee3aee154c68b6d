import { Background, Controls, MarkerType, MiniMap, ReactFlow, applyNodeChanges, type Connection, type Edge, type Node, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Alert, Button, Col, Empty, Input, Row, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Workflow } from '../../metadata/vocabulary';
import type { DesignerProps } from '../types';
import { uniqueKey } from '../slug';
import { ANY, NODE_H, autoLayout, deadEnds, deleteState, reachable } from './graph';
import { AnyNode, StateNode, TransitionEdge, type StateNodeData, type TransitionEdgeData } from './nodes';
import { StatePanel } from './StatePanel';
import { TransitionPanel } from './TransitionPanel';

const nodeTypes = { state: StateNode, any: AnyNode };
const edgeTypes = { transition: TransitionEdge };
const ANY_ID = '__any__';

type Selection = { type: 'state'; key: string } | { type: 'transition'; index: number } | null;

const messagesAt = (issues: { path: string; message: string }[], prefix: string) =>
  issues.filter((i) => i.path === prefix || i.path.startsWith(`${prefix}/`)).map((i) => i.message);

export default function WorkflowDesigner({ body: wf, onChange, issues, scope }: DesignerProps<Workflow>) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [selection, setSelection] = useState<Selection>(null);

  const positions = useMemo(() => {
    const missing = wf.states.some((s) => !s.position);
    const auto = missing ? autoLayout(wf) : {};
    return Object.fromEntries(wf.states.map((s) => [s.key, s.position ?? auto[s.key]!]));
  }, [wf]);
  const reached = useMemo(() => reachable(wf), [wf]);
  const dead = useMemo(() => deadEnds(wf), [wf]);
  const hasAny = wf.transitions.some((tr) => tr.from.includes(ANY));

  const built = useMemo((): Node[] => {
    const xs = Object.values(positions).map((p) => p.x);
    const ys = Object.values(positions).map((p) => p.y);
    const states: Node<StateNodeData>[] = wf.states.map((s, i) => ({
      id: s.key,
      type: 'state',
      position: positions[s.key] ?? { x: 0, y: 0 },
      selected: selection?.type === 'state' && selection.key === s.key,
      data: {
        state: s,
        initial: wf.initial === s.key,
        draft: wf.draft === s.key,
        unreachable: !reached.has(s.key),
        deadEnd: reached.has(s.key) && dead.has(s.key),
        issues: messagesAt(issues, `/states/${i}`),
      },
    }));
    if (!hasAny) return states;
    return [...states, { id: ANY_ID, type: 'any', position: { x: Math.min(...xs, 0) - 240, y: Math.min(...ys, 0) }, data: {}, draggable: false }];
  }, [wf, positions, reached, dead, issues, selection, hasAny]);
  const [nodes, setNodes] = useState<Node[]>(built);
  useEffect(() => setNodes(built), [built]);

  const edges = useMemo((): Edge<TransitionEdgeData>[] => {
    const keys = new Set(wf.states.map((s) => s.key));
    const loops = new Map<string, number>();
    const out: Edge<TransitionEdgeData>[] = [];
    wf.transitions.forEach((tr, i) => {
      for (const f of tr.from) {
        const source = f === ANY ? ANY_ID : f;
        if ((f !== ANY && !keys.has(f)) || !keys.has(tr.to)) continue;
        const loopIndex = source === tr.to ? (loops.get(source) ?? 0) : 0;
        if (source === tr.to) loops.set(source, loopIndex + 1);
        out.push({
          id: `${i}:${f}`,
          source,
          target: tr.to,
          type: 'transition',
          selected: selection?.type === 'transition' && selection.index === i,
          markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
          data: { label: en && tr.labelEn ? tr.labelEn : tr.label, issues: messagesAt(issues, `/transitions/${i}`), loopIndex, onSelect: () => setSelection({ type: 'transition', index: i }) },
        });
      }
    });
    return out;
  }, [wf, issues, selection, en]);

  const writePositions = (next: Record<string, { x: number; y: number }>) =>
    onChange({ ...wf, states: wf.states.map((s) => (next[s.key] ? { ...s, position: next[s.key] } : s)) });

  const addState = () => {
    const key = uniqueKey('trang-thai-moi', new Set(wf.states.map((s) => s.key)));
    const maxY = Math.max(0, ...Object.values(positions).map((p) => p.y));
    const minX = Math.min(0, ...Object.values(positions).map((p) => p.x));
    const next: Workflow = {
      ...wf,
      states: [...wf.states.map((s) => ({ ...s, position: positions[s.key] })), { key, label: t('workflow.newState'), category: 'waiting', position: { x: minX, y: maxY + NODE_H + 60 } }],
    };
    onChange(next);
    setSelection({ type: 'state', key });
  };
  const addTransition = (from: string, to: string) => {
    const key = uniqueKey('buoc-chuyen-moi', new Set(wf.transitions.map((tr) => tr.key)));
    onChange({ ...wf, transitions: [...wf.transitions, { key, label: t('workflow.newTransition'), from: [from], to, allow: [{ party: 'assigner' }] }] });
    setSelection({ type: 'transition', index: wf.transitions.length });
  };
  const onConnect = (c: Connection) => {
    if (!c.source || !c.target) return;
    addTransition(c.source === ANY_ID ? ANY : c.source, c.target);
  };

  const selectedState = selection?.type === 'state' ? wf.states.findIndex((s) => s.key === selection.key) : -1;
  const selectedTransition = selection?.type === 'transition' && selection.index < wf.transitions.length ? selection.index : -1;
  const unreachable = wf.states.filter((s) => !reached.has(s.key));
  const general = issues.filter((i) => !/^\/(states|transitions)\/\d+/.test(i.path));

  return (
    <div className="dd-workflow-designer">
      <div className="dd-form-head">
        <label>
          {t('workflow.name')}
          <Input value={wf.name} onChange={(e) => onChange({ ...wf, name: e.target.value })} />
        </label>
        <label>
          {t('workflow.nameEn')}
          <Input value={wf.nameEn ?? ''} onChange={(e) => onChange({ ...wf, nameEn: e.target.value || undefined })} />
        </label>
      </div>
      <Space wrap className="dd-toolbar">
        <Button onClick={addState}>{t('workflow.addState')}</Button>
        <Button onClick={() => addTransition(selectedState >= 0 ? wf.states[selectedState]!.key : wf.initial, selectedState >= 0 ? wf.states[selectedState]!.key : wf.initial)}>{t('workflow.addTransition')}</Button>
        <Button onClick={() => writePositions(autoLayout(wf))}>{t('workflow.autoLayout')}</Button>
        <span className="dd-legend" aria-label={t('workflow.legend')}>
          {(['open', 'waiting', 'done', 'cancelled'] as const).map((c) => (
            <span key={c} className={`dd-legend-item dd-cat-${c}`}>
              {t(`workflow.categories.${c}`)}
            </span>
          ))}
        </span>
      </Space>
      {unreachable.length ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="dd-unreachable-alert"
          title={t('workflow.unreachableAlert', { count: unreachable.length, states: unreachable.map((s) => s.label).join(', ') })}
        />
      ) : null}
      {general.length ? <Alert type="warning" showIcon title={general.map((i) => `${i.path}: ${i.message}`).join('\n')} /> : null}
      <Row gutter={16}>
        <Col xs={24} lg={15} xl={16}>
          <div className="dd-flow" role="application" aria-label={t('workflow.diagram')}>
            <ReactFlow
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              onNodesChange={(changes: NodeChange[]) => setNodes((ns) => applyNodeChanges(changes.filter((c) => c.type !== 'select'), ns))}
              onNodeDragStop={(_, node) => {
                if (node.id !== ANY_ID) writePositions({ ...positions, [node.id]: { x: Math.round(node.position.x), y: Math.round(node.position.y) } });
              }}
              onNodeClick={(_, node) => node.id !== ANY_ID && setSelection({ type: 'state', key: node.id })}
              onEdgeClick={(_, edge) => setSelection({ type: 'transition', index: Number(edge.id.split(':')[0]) })}
              onPaneClick={() => setSelection(null)}
              onConnect={onConnect}
              fitView
              fitViewOptions={{ padding: 0.15 }}
              minZoom={0.2}
              proOptions={{ hideAttribution: true }}
              deleteKeyCode={null}
            >
              <Background gap={20} />
              <Controls showInteractive={false} />
              <MiniMap position="bottom-right" style={{ width: 140, height: 90 }} pannable zoomable nodeColor={(n) => (n.type === 'state' ? ((n.data as StateNodeData).unreachable ? '#cf1322' : '#bfbfbf') : '#f0f0f0')} />
            </ReactFlow>
          </div>
        </Col>
        <Col xs={24} lg={9} xl={8}>
          {selectedState >= 0 ? (
            <StatePanel
              wf={wf}
              index={selectedState}
              issues={messagesAt(issues, `/states/${selectedState}`)}
              unreachable={!reached.has(wf.states[selectedState]!.key)}
              onChange={(next) => {
                const renamed = next.states[selectedState]?.key;
                onChange(next);
                if (renamed && selection?.type === 'state' && renamed !== selection.key) setSelection({ type: 'state', key: renamed });
              }}
              onDelete={(key) => {
                onChange(deleteState(wf, key));
                setSelection(null);
              }}
            />
          ) : selectedTransition >= 0 ? (
            <TransitionPanel wf={wf} index={selectedTransition} scope={scope} issues={messagesAt(issues, `/transitions/${selectedTransition}`)} onChange={onChange} />
          ) : (
            <Empty description={t('workflow.selectHelp')} />
          )}
        </Col>
      </Row>
    </div>
  );
}
