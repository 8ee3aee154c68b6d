import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Calendar, Col, DatePicker, Form, Input, Popconfirm, Row, Select, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { dayjs, formatDate } from '@shared/datetime';
import { ErrorAlert, errorMessage } from '@shared/errors';

interface Day {
  day: string;
  kind: 'off' | 'work';
  name: string;
  source: 'date-holidays' | 'admin';
  updatedBy: string | null;
}

/** The working-day calendar: public holidays pre-filled, days off and make-up working days set by hand. */
export default function CalendarPage() {
  const { t } = useTranslation();
  const { t: tc } = useTranslation('common');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [year, setYear] = useState(dayjs().year());
  const days = useQuery({
    queryKey: ['calendar', year],
    queryFn: ({ signal }) => api<{ items: Day[] }>('/api/calendar/days', { signal, query: { from: `${year}-01-01`, to: `${year}-12-31` } }),
  });
  const byDay = new Map((days.data?.items ?? []).map((d) => [d.day, d]));
  const [form] = Form.useForm<{ day: Dayjs; kind: 'off' | 'work'; name: string }>();
  const refresh = () => client.invalidateQueries({ queryKey: ['calendar'] });

  async function set(values: { day: Dayjs; kind: 'off' | 'work'; name: string }) {
    try {
      await api(`/api/calendar/days/${values.day.format('YYYY-MM-DD')}`, { method: 'PUT', body: { kind: values.kind, name: values.name } });
      void message.success(t('calendar.saved'));
      form.resetFields(['name']);
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e, tc));
    }
  }
  async function clear(day: string) {
    try {
      await api(`/api/calendar/days/${day}`, { method: 'DELETE' });
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e, tc));
    }
  }

  return (
    <section className="dd-panel" aria-labelledby="dd-calendar-title">
      <div className="dd-panel-head">
        <h1 id="dd-calendar-title" className="dd-page-title">
          {t('nav.calendar')}
        </h1>
        <span className="dd-secondary">{t('calendar.description')}</span>
      </div>
      <div className="dd-toolbar">
        <label>
          {t('calendar.year')}{' '}
          <Select value={year} onChange={setYear} options={[-1, 0, 1, 2].map((d) => ({ value: dayjs().year() + d, label: String(dayjs().year() + d) }))} />
        </label>
      </div>
      {days.isError ? <ErrorAlert error={days.error} /> : null}
      <Row gutter={24}>
        <Col xs={24} xl={10}>
          <Calendar
            fullscreen={false}
            value={dayjs(`${year}-01-01`).isSame(dayjs(), 'year') ? dayjs() : dayjs(`${year}-01-01`)}
            onPanelChange={(d) => setYear(d.year())}
            onSelect={(d) => form.setFieldsValue({ day: d })}
            cellRender={(d, info) => {
              if (info.type !== 'date') return info.originNode;
              const entry = byDay.get(d.format('YYYY-MM-DD'));
              return entry ? <Badge status={entry.kind === 'off' ? 'error' : 'success'} title={entry.name} /> : null;
            }}
          />
          <Form form={form} layout="vertical" onFinish={(v) => void set(v)} initialValues={{ kind: 'off' }} className="dd-calendar-form">
            <Form.Item name="day" label={t('calendar.day')} rules={[{ required: true }]}>
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
            <Form.Item name="kind" label={t('calendar.kind')}>
              <Select options={(['off', 'work'] as const).map((k) => ({ value: k, label: t(`calendar.kinds.${k}`) }))} />
            </Form.Item>
            <Form.Item name="name" label={t('calendar.name')} rules={[{ required: true }]}>
              <Input placeholder={t('calendar.namePlaceholder')} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('actions.save')}
            </Button>
          </Form>
        </Col>
        <Col xs={24} xl={14}>
          <Table<Day>
            size="small"
            rowKey="day"
            loading={days.isPending}
            dataSource={days.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: t('calendar.day'), dataIndex: 'day', render: (d: string) => `${formatDate(d)} (${dayjs(d).format('dd')})` },
              { title: t('calendar.kind'), dataIndex: 'kind', render: (k: Day['kind']) => <Tag color={k === 'off' ? 'red' : 'green'}>{t(`calendar.kinds.${k}`)}</Tag> },
              { title: t('calendar.name'), dataIndex: 'name' },
              { title: t('calendar.source'), dataIndex: 'source', render: (s: Day['source']) => t(`calendar.sources.${s}`) },
              {
                title: '',
                render: (_, d) =>
                  d.source === 'admin' ? (
                    <Popconfirm title={t('calendar.clearConfirm')} okText={t('actions.delete')} cancelText={t('actions.cancel')} onConfirm={() => clear(d.day)}>
                      <Button size="small" danger>
                        {t('calendar.clear')}
                      </Button>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
        </Col>
      </Row>
    </section>
  );
}
