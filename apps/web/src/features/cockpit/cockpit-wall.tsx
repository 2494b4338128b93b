import { CloseOutlined, FullscreenOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Spin, theme } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../app/errors.ts';
import { useCockpit, WALL_REFRESH_MS } from './api.ts';
import { cockpitPath, useCockpitView } from './cockpit-params.ts';
import { WallClock } from './wall-clock.tsx';
import {
  WallCategories,
  WallEscalations,
  WallHighlights,
  WallInstructions,
  WallMostRed,
  WallTargets,
  WallTaskLights,
} from './wall-panels.tsx';
import { WallStage } from './wall-stage.tsx';
import './cockpit-wall.css';

/** The wall's dark look: the app's blue, brightened for a dark room. */
const WALL_THEME = {
  algorithm: theme.darkAlgorithm,
  token: { colorPrimary: '#3b82f6', colorBgContainer: '#0f1f3a', fontSize: 20 },
};

/** True while the page fills the screen; follows the browser's own full-screen changes. */
function useIsFullScreen(): boolean {
  const [isFull, setIsFull] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = () => setIsFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  return isFull;
}

/**
 * /cockpit/wall — the cockpit on a wall display: a 1920×1080 dark stage scaled to the screen, large type, the clock,
 * and fresh figures every minute. Same year and unit as the page it was opened from.
 */
export function CockpitWallPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { view } = useCockpitView();
  const cockpit = useCockpit(view, { refetchInterval: WALL_REFRESH_MS });
  const isFullScreen = useIsFullScreen();
  const data = cockpit.data;

  return (
    <ConfigProvider theme={WALL_THEME}>
      <WallStage>
        <header className="wall-header">
          <div className="wall-title">
            <h1>{data ? t('cockpit.titleOf', { unit: data.unit.name }) : t('cockpit.title')}</h1>
            {data ? (
              <span className="wall-subtitle" data-testid="wall-updated" data-generated-at={data.generatedAt}>
                {t('cockpit.yearValue', { year: data.year })} ·{' '}
                {cockpit.isError ? (
                  <span className="wall-stale">
                    {t('cockpit.wall.stale', { at: dayjs(data.generatedAt).format('HH:mm') })}
                  </span>
                ) : (
                  t('cockpit.wall.updatedAt', { at: dayjs(data.generatedAt).format('HH:mm:ss') })
                )}{' '}
                · <span data-testid="wall-count-rule">{t('lightBoard.countRule')}</span>
              </span>
            ) : null}
          </div>
          <WallClock />
          {isFullScreen ? null : (
            <div className="wall-actions">
              {document.fullscreenEnabled ? (
                <Button
                  type="text"
                  icon={<FullscreenOutlined />}
                  aria-label={t('cockpit.wall.fullScreen')}
                  title={t('cockpit.wall.fullScreen')}
                  onClick={() => void document.documentElement.requestFullscreen().catch(() => undefined)}
                />
              ) : null}
              <Button
                type="text"
                icon={<CloseOutlined />}
                aria-label={t('cockpit.wall.exit')}
                title={t('cockpit.wall.exit')}
                onClick={() => navigate(cockpitPath(view))}
                data-testid="wall-exit"
              />
            </div>
          )}
        </header>
        {data ? (
          <main className="wall-body" data-testid="wall-body">
            <WallTargets data={data} />
            <div className="wall-side">
              <WallTaskLights data={data} />
              <WallEscalations data={data} />
            </div>
            <WallCategories data={data} />
            <WallMostRed data={data} />
            <WallHighlights data={data} />
            <WallInstructions data={data} />
          </main>
        ) : (
          <div className="wall-loading">
            {cockpit.isError ? <span className="wall-stale">{errorText(cockpit.error)}</span> : <Spin size="large" />}
          </div>
        )}
      </WallStage>
    </ConfigProvider>
  );
}
