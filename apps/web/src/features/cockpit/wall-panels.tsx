import { ESCALATION_STEPS, type TCockpit, type TCockpitTarget } from '@duban/domain';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatFigure } from '../../components/format.ts';
import { LIGHT_COLORS } from '../../components/light-badge.tsx';
import { BOARD_LIGHTS } from '../lights/light-counts.tsx';
import { categoryName } from './cockpit-lights.tsx';
import { categoryTasksPath, lightTasksPath, ownTasksPath, unitTasksPath } from './cockpit-links.ts';
import { GaugeCentre } from './cockpit-targets.tsx';
import { PaceGauge } from './pace-gauge.tsx';

/** The most targets the wall shows (two rows of four); the rest are counted. */
const WALL_TARGETS = 8;
const WALL_ROWS = 5;
const WALL_FEED = 3;
/** Pace lights, the worst first. */
const PACE_ORDER = ['red', 'yellow', 'green'] as const;

/** A framed panel of the wall with its title. */
export function WallPanel({
  title,
  children,
  className,
  testId,
}: {
  title: ReactNode;
  children: ReactNode;
  className?: string;
  testId: string;
}) {
  return (
    <section className={`wall-panel ${className ?? ''}`} data-testid={testId}>
      <h2 className="wall-panel-title">{title}</h2>
      <div className="wall-panel-body">{children}</div>
    </section>
  );
}

function WallEmpty({ children }: { children: ReactNode }) {
  return <div className="wall-empty">{children}</div>;
}

function WallTarget({ target, isLarge }: { target: TCockpitTarget; isLarge: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="wall-target" data-testid="wall-target" data-target-id={target.targetId} data-light={target.light}>
      <div className="wall-target-name" title={target.name}>
        {target.name}
      </div>
      <div className="wall-target-main">
        <PaceGauge
          doneShare={target.doneShare}
          expectedShare={target.expectedShare}
          light={target.light}
          size={isLarge ? 220 : 136}
          railColor="rgba(255, 255, 255, 0.12)"
          markerColor="#e6f0ff"
          markerLabel={t('cockpit.targets.expected', { share: target.expectedShare })}
        >
          <GaugeCentre target={target} fontSize={isLarge ? 44 : 30} />
        </PaceGauge>
        <div className="wall-target-facts">
          <div>
            <span className="wall-target-actual">{target.actual === null ? '—' : formatFigure(target.actual)}</span>
            <span className="wall-target-measure"> {target.measure}</span>
          </div>
          <div className="wall-target-total">
            {t('cockpit.targets.total')} {formatFigure(target.total)}
          </div>
          <div className="wall-target-expected">
            <span style={{ color: LIGHT_COLORS[target.light] }}>●</span>{' '}
            {target.paceMonth > 0
              ? t('cockpit.targets.expected', { share: target.expectedShare })
              : t('cockpit.targets.paceNotStarted')}
          </div>
        </div>
      </div>
    </div>
  );
}

/** The year's targets as gauges: four to a row, larger when there are few. */
export function WallTargets({ data }: { data: TCockpit }) {
  const { t } = useTranslation();
  const shown = data.targets.slice(0, WALL_TARGETS);
  const rest = data.targets.length - shown.length;
  const isLarge = shown.length <= 4;
  return (
    <WallPanel
      title={
        <>
          {t('cockpit.wall.targets')}
          <span className="wall-panel-note">
            {(shown.length > 0 ? PACE_ORDER : []).map((light) => (
              <span key={light}>
                <span style={{ color: LIGHT_COLORS[light] }}>●</span> {t(`lights.${light}`)}{' '}
                {formatFigure(data.targetLights[light])}
              </span>
            ))}
            {rest > 0 ? <span>{t('cockpit.wall.moreTargets', { count: rest })}</span> : null}
          </span>
        </>
      }
      className="wall-targets"
      testId="wall-targets"
    >
      {shown.length === 0 ? (
        <WallEmpty>
          {t(data.unit.isTop ? 'cockpit.targets.empty' : 'cockpit.targets.emptyUnit', { year: data.year })}
        </WallEmpty>
      ) : (
        <div className={`wall-target-grid${isLarge ? ' is-large' : ''}`}>
          {shown.map((target) => (
            <WallTarget key={target.targetId} target={target} isLarge={isLarge} />
          ))}
        </div>
      )}
    </WallPanel>
  );
}

/** A count of the wall leading to the tasks it counts. */
function WallCount({ count, to, className, color }: { count: number; to: string; className: string; color: string }) {
  return (
    <Link to={to} className={`wall-link ${className}`} style={{ color }} data-count={count}>
      {formatFigure(count)}
    </Link>
  );
}

/** Every task per light, in big figures (the header says how they are counted). */
export function WallTaskLights({ data }: { data: TCockpit }) {
  const { t } = useTranslation();
  return (
    <WallPanel title={t('cockpit.wall.tasks')} testId="wall-task-lights">
      <div className="wall-tiles">
        {BOARD_LIGHTS.map((light) => (
          <div key={light} className="wall-tile" data-testid={`wall-lights-${light}`}>
            <span className="wall-tile-label">{t(`lights.${light}`)}</span>
            <WallCount
              count={data.lights[light]}
              to={lightTasksPath(data.unit, light)}
              className="wall-tile-figure"
              color={LIGHT_COLORS[light]}
            />
          </div>
        ))}
      </div>
    </WallPanel>
  );
}

/** Open escalation steps, the overdue ones, and per rung. */
export function WallEscalations({ data }: { data: TCockpit }) {
  const { t } = useTranslation();
  const { escalations } = data;
  return (
    <WallPanel title={t('cockpit.wall.escalations')} testId="wall-escalations">
      <div className="wall-tiles">
        <div className="wall-tile">
          <span className="wall-tile-label">{t('cockpit.escalations.open')}</span>
          <span className="wall-tile-figure">{formatFigure(escalations.open)}</span>
        </div>
        <div className="wall-tile">
          <span className="wall-tile-label">{t('cockpit.escalations.overdue')}</span>
          <span className="wall-tile-figure" style={{ color: escalations.overdue > 0 ? LIGHT_COLORS.red : undefined }}>
            {formatFigure(escalations.overdue)}
          </span>
        </div>
      </div>
      <div className="wall-steps">
        {ESCALATION_STEPS.map((step) => (
          <div key={step} className="wall-step">
            <span className="wall-tile-label" title={t(`escalations.steps.${step}`)}>
              {t(`escalations.steps.${step}`)}
            </span>
            <span className="wall-step-figure">{formatFigure(escalations.byStep[step])}</span>
          </div>
        ))}
      </div>
    </WallPanel>
  );
}

/** What the two figures after a row's name count: red and yellow lights. */
function RedYellowNote() {
  const { t } = useTranslation();
  return (
    <span className="wall-panel-note">
      <span>
        <span style={{ color: LIGHT_COLORS.red }}>●</span> {t('lights.red')}
      </span>
      <span>
        <span style={{ color: LIGHT_COLORS.yellow }}>●</span> {t('lights.yellow')}
      </span>
    </span>
  );
}

/** Lights by unit category, as bars. */
export function WallCategories({ data }: { data: TCockpit }) {
  const { t } = useTranslation();
  const rows = data.byCategory.slice(0, WALL_ROWS);
  return (
    <WallPanel
      title={
        <>
          {t('cockpit.wall.byCategory')}
          <RedYellowNote />
        </>
      }
      testId="wall-categories"
    >
      {rows.length === 0 ? (
        <WallEmpty>{t('cockpit.byCategory.empty')}</WallEmpty>
      ) : (
        <div className="wall-rows">
          {rows.map((group) => {
            const total = BOARD_LIGHTS.reduce((sum, light) => sum + group.counts[light], 0);
            return (
              <div key={group.key} className="wall-row" data-testid="wall-category">
                <span className="wall-row-name">{categoryName(t, group.key)}</span>
                <div className="wall-bar">
                  {total > 0
                    ? BOARD_LIGHTS.filter((light) => group.counts[light] > 0).map((light) => (
                        <div
                          key={light}
                          style={{ width: `${(group.counts[light] / total) * 100}%`, background: LIGHT_COLORS[light] }}
                        />
                      ))
                    : null}
                </div>
                <WallCount
                  count={group.counts.red}
                  to={categoryTasksPath(data.unit, group.key, 'red')}
                  className="wall-row-count"
                  color={LIGHT_COLORS.red}
                />
                <WallCount
                  count={group.counts.yellow}
                  to={categoryTasksPath(data.unit, group.key, 'yellow')}
                  className="wall-row-count"
                  color={LIGHT_COLORS.yellow}
                />
              </div>
            );
          })}
        </div>
      )}
    </WallPanel>
  );
}

/** The unit's own red and yellow tasks first, when it has any; then the units with most red. */
export function WallMostRed({ data }: { data: TCockpit }) {
  const { t } = useTranslation();
  const hasOwn = data.own.red + data.own.yellow > 0;
  const rows = data.mostRed.slice(0, hasOwn ? WALL_ROWS - 1 : WALL_ROWS);
  return (
    <WallPanel
      title={
        <>
          {t('cockpit.wall.mostRed')}
          <RedYellowNote />
        </>
      }
      testId="wall-most-red"
    >
      {rows.length === 0 && !hasOwn ? (
        <WallEmpty>{t('cockpit.mostRed.empty')}</WallEmpty>
      ) : (
        <ol className="wall-rank">
          {hasOwn ? (
            <li data-testid="wall-own">
              <span className="wall-rank-no">·</span>
              <span className="wall-row-name">{t('cockpit.mostRed.own')}</span>
              <WallCount
                count={data.own.red}
                to={ownTasksPath(data.unit.id, 'red')}
                className="wall-row-count"
                color={LIGHT_COLORS.red}
              />
              <WallCount
                count={data.own.yellow}
                to={ownTasksPath(data.unit.id, 'yellow')}
                className="wall-row-count"
                color={LIGHT_COLORS.yellow}
              />
            </li>
          ) : null}
          {rows.map((unit, i) => (
            <li key={unit.unitId} data-testid="wall-red-unit">
              <span className="wall-rank-no">{i + 1}</span>
              <span className="wall-row-name">{unit.unitName}</span>
              <WallCount
                count={unit.red}
                to={unitTasksPath(unit.unitId, 'red')}
                className="wall-row-count"
                color={LIGHT_COLORS.red}
              />
              <WallCount
                count={unit.yellow}
                to={unitTasksPath(unit.unitId, 'yellow')}
                className="wall-row-count"
                color={LIGHT_COLORS.yellow}
              />
            </li>
          ))}
        </ol>
      )}
    </WallPanel>
  );
}

/** The week's highlights: unit, task, what moved. */
export function WallHighlights({ data }: { data: TCockpit }) {
  const { t } = useTranslation();
  const items = data.rollups.items.slice(0, WALL_FEED);
  return (
    <WallPanel title={t('cockpit.wall.rollups')} testId="wall-highlights">
      {items.length === 0 ? (
        <WallEmpty>{t('cockpit.rollups.empty')}</WallEmpty>
      ) : (
        <ul className="wall-feed">
          {items.map((item) => (
            <li key={`${item.rollupId}-${item.taskId}`}>
              <div className="wall-feed-head">
                <span className="wall-feed-unit">{item.unitName}</span>
                <span className="wall-feed-title">{item.title}</span>
              </div>
              <div className="wall-feed-text">{item.text}</div>
            </li>
          ))}
        </ul>
      )}
    </WallPanel>
  );
}

/** The latest leaders' instructions. */
export function WallInstructions({ data }: { data: TCockpit }) {
  const { t } = useTranslation();
  const items = data.instructions.slice(0, WALL_FEED);
  return (
    <WallPanel title={t('cockpit.wall.instructions')} testId="wall-instructions">
      {items.length === 0 ? (
        <WallEmpty>{t('cockpit.instructions.empty')}</WallEmpty>
      ) : (
        <ul className="wall-feed">
          {items.map((item) => (
            <li key={item.id}>
              <div className="wall-feed-head">
                <span className="wall-feed-unit">{item.authorName}</span>
                <span className="wall-feed-title">{item.taskTitle}</span>
              </div>
              <div className="wall-feed-text">{item.text}</div>
            </li>
          ))}
        </ul>
      )}
    </WallPanel>
  );
}
