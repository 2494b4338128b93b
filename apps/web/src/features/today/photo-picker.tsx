import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { PHOTOS_PER_ENTRY } from '@duban/domain';
import { Button, Flex, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TDraftPhoto } from './check-in-draft.ts';
import { newClientId } from './check-in-queue.ts';
import { PhotoError, resizePhoto } from './photo-resize.ts';

interface TPhotoPickerProps {
  photos: TDraftPhoto[];
  onAdd: (photos: TDraftPhoto[]) => void;
  onRemove: (key: string) => void;
}

/** Optional photos of an entry: taken with the camera or picked, resized on the phone, shown as thumbnails. */
export function PhotoPicker({ photos, onAdd, onRemove }: TPhotoPickerProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const room = PHOTOS_PER_ENTRY - photos.length;

  const pick = async (files: File[]) => {
    setError(null);
    if (files.length > room) setError(t('today.photoLimit', { max: PHOTOS_PER_ENTRY }));
    setBusy(true);
    const added: TDraftPhoto[] = [];
    try {
      for (const file of files.slice(0, Math.max(0, room))) {
        try {
          const { blob, filename } = await resizePhoto(file);
          added.push({ key: newClientId(), blob, filename, url: URL.createObjectURL(blob), attachmentId: null });
        } catch (e) {
          setError(
            e instanceof PhotoError && e.reason === 'tooLarge' ? t('today.photoTooLarge') : t('today.photoUnreadable'),
          );
        }
      }
    } finally {
      setBusy(false);
      if (added.length) onAdd(added);
    }
  };

  return (
    <div>
      <Flex wrap gap={8} align="center">
        {photos.map((photo) => (
          <div className="duban-today-photo" key={photo.key} data-testid="check-in-photo">
            <img src={photo.url} alt={photo.filename} />
            <Button
              size="small"
              shape="circle"
              icon={<CloseOutlined />}
              aria-label={t('today.fields.removePhoto')}
              onClick={() => onRemove(photo.key)}
            />
          </div>
        ))}
        {room > 0 ? (
          <Button icon={<CameraOutlined />} loading={isBusy} onClick={() => input.current?.click()}>
            {t('today.fields.addPhoto')}
          </Button>
        ) : null}
      </Flex>
      <Typography.Text type={error ? 'danger' : 'secondary'} style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
        {error ?? t('today.fields.photosHint', { max: PHOTOS_PER_ENTRY })}
      </Typography.Text>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        hidden
        data-testid="check-in-photo-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length) void pick(files);
        }}
      />
    </div>
  );
}
