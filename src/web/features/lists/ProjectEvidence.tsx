import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, List, Upload } from 'antd';
import { useState } from 'react';
import { projectApi, type ProjectDetail } from '../../api/lists.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';

interface Props {
  project: ProjectDetail;
  onChanged: () => void;
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

/** LST-4 evidence files (照片、签到表、报告), kept with the project; closing as done needs at least one. */
export function ProjectEvidence({ project, onChanged }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const mayUpload = project.mayEdit && project.status === 'in_progress';

  const upload = async (file: File) => {
    setUploading(true);
    setError(null);
    try {
      await projectApi.uploadEvidence(project.id, file);
      message.success(t('project.uploaded', { name: file.name }));
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('project.evidence')}
      data-testid="project-evidence"
      extra={
        mayUpload && (
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              // The client sends the file itself, with the CSRF header; antd's own request would not.
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading} data-testid="evidence-upload">
              {t('project.upload')}
            </Button>
          </Upload>
        )
      }
    >
      <ErrorAlert error={error} />
      <List
        size="small"
        dataSource={project.evidence}
        locale={{ emptyText: t('common.empty') }}
        renderItem={(e) => (
          <List.Item extra={size(e.sizeBytes)}>
            <a href={projectApi.evidenceHref(project.id, e.id)} download={e.fileName}>
              {e.fileName}
            </a>
          </List.Item>
        )}
      />
    </Card>
  );
}
