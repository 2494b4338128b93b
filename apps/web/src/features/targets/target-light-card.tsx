import { PACE_YELLOW_POINTS, type TTarget } from '@duban/domain';
import { Alert, Card, Empty, Flex, Select, Skeleton, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../app/i18n/index.ts';
import { formatDateTime } from '../../components/format.ts';
import { LIGHT_COLORS, LightBadge } from '../../components/light-badge.tsx';
import { useTargetLightHistory } from './api.ts';
import { formatFigure, formatMeasured, formatShare } from './target-format.ts';

type TFacts = Record<string, unknown>;

const numberOf = (facts: TFacts, key: string): number | null => {
  const value = facts[key];
  return typeof value === 'number' ? value : null;
};

/** A light's reasons in words: the figure to date against the total, the share done against the share due. */
export function paceReasons(target: TTarget, facts: TFacts, thresholds: TFacts): string[] {
  const actual = numberOf(facts, 'actual');
  const total = numberOf(facts, 'total') ?? target.total;
  const behind = numberOf(facts, 'behind') ?? 0;
  const values = {
    month: numberOf(facts, 'paceMonth') ?? 0,
    actual: formatMeasured(actual, target.measure),
    total: formatMeasured(total, target.measure),
    done: formatShare(numberOf(facts, 'doneShare') ?? 0),
    expected: formatShare(numberOf(facts, 'expectedShare') ?? 0),
    behind: formatFigure(Math.round(Math.abs(behind) * 10) / 10),
    yellowPoints: numberOf(thresholds, 'yellowPoints') ?? 0,
  };
  const isLower = target.direction === 'lower';
  const figures =
    actual === null
      ? i18n.t('targets.why.nothing', values)
      : i18n.t(isLower ? 'targets.why.usedLower' : 'targets.why.done', values);
  const against =
    behind > 0
      ? i18n.t(isLower ? 'targets.why.overLower' : 'targets.why.behind', values)
      : i18n.t(isLower ? 'targets.why.withinLower' : 'targets.why.onPace', values);
  return [figures, against, i18n.t('targets.why.rule', values)];
}

const causeLabel = (cause: string) => {
  const key = `targets.causes.${cause}`;
  return i18n.exists(key) ? String(i18n.t(key as 'targets.causes.sweep')) : cause;
};

/** "Why yellow?": the light of the county (or of one unit) with the figures it came from, and every change before. */
export function TargetLightCard({
  target,
  unitId,
  onUnitChange,
}: {
  target: TTarget;
  unitId: string | undefined;
  onUnitChange: (unitId: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const history = useTargetLightHistory(target.id, unitId);
  const data = history.data;
  // The light in force is explained from the figures kept now (a month reported may move them without a change of
  // colour, so no new entry in the history); the history explains each change from its own figures.
  const allocation = unitId ? target.allocations.find((a) => a.unit.id === unitId) : undefined;
  const pace = allocation ? allocation.pace : target.pace;
  const now: TFacts = { ...pace, total: allocation ? allocation.amount : target.total };
  const options = [
    { value: '', label: t('targets.countyFigure', { unit: target.unit.name }) },
    ...target.allocations.map((a) => ({ value: a.unit.id, label: a.unit.name })),
  ];
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          {t('targets.history.title')}
          <LightBadge light={pace.light} />
        </Flex>
      }
      data-testid="target-light"
    >
      <Flex vertical gap={12}>
        <Select
          value={unitId ?? ''}
          onChange={(value: string) => onUnitChange(value || undefined)}
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('targets.history.of')}
          data-testid="target-light-unit"
        />
        <Alert
          type={pace.light === 'red' ? 'error' : pace.light === 'yellow' ? 'warning' : 'success'}
          showIcon
          title={t('targets.why.title', { light: t(`lights.${pace.light}`) })}
          description={
            <Flex vertical gap={2} data-testid="target-light-why">
              {paceReasons(target, now, { yellowPoints: PACE_YELLOW_POINTS }).map((reason) => (
                <span key={reason}>{reason}</span>
              ))}
              {pace.lightSince ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('lights.since', { at: formatDateTime(pace.lightSince) })}
                </Typography.Text>
              ) : null}
            </Flex>
          }
        />
        {!data ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('targets.history.empty')} />
        ) : (
          <Timeline
            items={data.items.map((entry) => ({
              key: entry.id,
              color: LIGHT_COLORS[entry.light],
              content: (
                <div data-testid="target-light-change">
                  <Typography.Text strong>
                    {t('lights.change', {
                      previous: entry.previous ? t(`lights.${entry.previous}`) : t('lights.none'),
                      light: t(`lights.${entry.light}`),
                    })}
                  </Typography.Text>{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {causeLabel(entry.cause)} · {formatDateTime(entry.at)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {paceReasons(target, entry.facts, entry.thresholds).slice(0, 2).join('；')}
                  </Typography.Text>
                </div>
              ),
            }))}
          />
        )}
      </Flex>
    </Card>
  );
}
