import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Progress, Row, Segmented, Table, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { importApi } from '../../api/registry.ts';
import { IMPORT_KINDS, type ImportJob, type ImportKind } from '../../api/registryTypes.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useIsPhone } from '../../ui/useIsPhone.ts';

/** A job is read again this often while it runs: rows take milliseconds each, so a second shows movement without load. */
const POLL_MS = 1000;

function JobReport({ job }: { job: ImportJob }) {
  const t = useT();
  const percent = job.totalRows > 0 ? Math.round((job.processed / job.totalRows) * 100) : job.status === 'running' ? 0 : 100;
  return (
    <Card size="small" title={`${t('import.progress')} · ${job.fileName}`} data-testid="import-job">
      <Progress percent={percent} status={job.status === 'failed' ? 'exception' : job.status === 'running' ? 'active' : 'success'} />
      <Flex gap={16} wrap>
        <Typography.Text>{t(`import.status.${job.status}`)}</Typography.Text>
        <Typography.Text type="secondary">{t('import.rows', { done: job.processed, total: job.totalRows })}</Typography.Text>
        <Typography.Text data-testid="import-result">
          {t('import.result', { created: job.created, updated: job.updated, unchanged: job.unchanged, failed: job.failed })}
        </Typography.Text>
      </Flex>
      {job.errors.length > 0 && (
        <Table
          style={{ marginTop: 12 }}
          rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
          size="small"
          title={() => t('import.errors')}
          dataSource={job.errors}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          columns={[
            { title: t('import.row'), dataIndex: 'row', key: 'row', width: 72 },
            { title: t('import.column'), dataIndex: 'column', key: 'column', render: (c: string) => c || '—' },
            { title: t('import.message'), dataIndex: 'message', key: 'message' },
          ]}
          data-testid="import-errors"
        />
      )}
    </Card>
  );
}

/** REG-9 templates, an upload that becomes a job polled to its end, the row-by-row report, and exports. */
export function ImportPanel() {
  const t = useT();
  const phone = useIsPhone();
  const [kind, setKind] = useState<ImportKind>('buildings');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);

  useEffect(() => {
    if (!job || job.status !== 'running') return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      importApi
        .job(job.id, controller.signal)
        .then(setJob)
        .catch((err: unknown) => {
          if (!controller.signal.aborted) setError(err);
        });
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [job]);

  const upload = async (file: File) => {
    setUploading(true);
    setError(null);
    setJob(null);
    try {
      setJob(await importApi.upload(kind, file));
    } catch (err) {
      setError(err);
    } finally {
      setUploading(false);
    }
  };

  return (
    <>
      <PageHeader title={t('import.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('import.upload')}>
            <Flex vertical gap={12}>
              <Segmented<ImportKind>
                block={phone}
                value={kind}
                onChange={setKind}
                options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`import.kind.${k}`) }))}
                data-testid="import-kind"
              />
              <Button icon={<DownloadOutlined />} href={importApi.templateUrl(kind)} data-testid="import-template">
                {t('import.templates')} · {t(`import.kind.${kind}`)}
              </Button>
              <div data-testid="import-upload">
                <Upload.Dragger
                  accept=".xlsx"
                  maxCount={1}
                  showUploadList={false}
                  disabled={uploading || job?.status === 'running'}
                  beforeUpload={(file) => {
                    void upload(file);
                    // The file goes through the API client (CSRF header, locale, error shape), not antd's uploader.
                    return false;
                  }}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{t('import.upload')}</p>
                  <p className="ant-upload-hint">.xlsx</p>
                </Upload.Dragger>
              </div>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('import.export')}>
            <Flex gap={8} wrap>
              {IMPORT_KINDS.map((k) => (
                <Button key={k} icon={<DownloadOutlined />} href={importApi.exportUrl(k)} data-testid={`export-${k}`}>
                  {t('import.exportKind', { kind: t(`import.kind.${k}`) })}
                </Button>
              ))}
            </Flex>
          </Card>
        </Col>
        <Col span={24}>
          <ErrorAlert error={error} />
          {uploading && <Alert type="info" showIcon title={t('app.loading')} />}
          {job && <JobReport job={job} />}
        </Col>
      </Row>
    </>
  );
}
