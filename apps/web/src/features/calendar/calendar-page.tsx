import { CALENDAR_YEARS, localDay, type TCalendarYear } from '@duban/domain';
import { Alert, Card, Col, Flex, Grid, Row, Segmented, Skeleton, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadError } from '../../components/load-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCalendarYear, useSettings } from './api.ts';
import { LightRulesCard } from './light-rules-card.tsx';
import { LocalDaysCard } from './local-days-card.tsx';
import { YearGrid } from './year-grid.tsx';

const YEARS = Array.from(
  { length: CALENDAR_YEARS.last - CALENDAR_YEARS.first + 1 },
  (_, i) => CALENDAR_YEARS.first + i,
);

/** The year in the address (?year=), else this year, kept within the years the platform plans in. */
function useYearParam(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const thisYear = Number(localDay(new Date()).slice(0, 4));
  const fallback = Math.min(Math.max(thisYear, CALENDAR_YEARS.first), CALENDAR_YEARS.last);
  const year = YEARS.includes(asked) ? asked : fallback;
  const setYear = (next: number) =>
    setParams(
      (prev) => {
        const copy = new URLSearchParams(prev);
        copy.set('year', String(next));
        return copy;
      },
      { replace: true },
    );
  return [year, setYear];
}

function YearFigures({ calendar }: { calendar: TCalendarYear }) {
  const { t } = useTranslation();
  const count = (origin: 'official' | 'local', kind?: 'holiday' | 'workday') =>
    calendar.days.filter((d) => d.origin === origin && (!kind || d.kind === kind)).length;
  const unit = t('calendar.stats.daysUnit');
  return (
    <Flex wrap style={{ columnGap: 32, rowGap: 8 }}>
      <Statistic
        title={t('calendar.stats.workingDays')}
        value={calendar.workingDays}
        suffix={unit}
        data-testid="calendar-working-days"
      />
      <Statistic title={t('calendar.stats.holidays')} value={count('official', 'holiday')} suffix={unit} />
      <Statistic title={t('calendar.stats.workdays')} value={count('official', 'workday')} suffix={unit} />
      <Statistic title={t('calendar.stats.local')} value={count('local')} suffix={unit} />
    </Flex>
  );
}

function Notice({ calendar }: { calendar: TCalendarYear }) {
  const { t } = useTranslation();
  if (calendar.notice) {
    return (
      <Alert
        type="info"
        showIcon
        title={t('calendar.notice', { title: calendar.notice.title, issued: calendar.notice.issued })}
        data-testid="calendar-notice"
      />
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      title={t('calendar.noNotice')}
      description={t('calendar.noNoticeDetail')}
      data-testid="calendar-notice"
    />
  );
}

/** /calendar — sysAdmin: the working-day calendar year by year with the county's own days, and the light rules. */
export function CalendarPage() {
  const { t } = useTranslation();
  const [year, setYear] = useYearParam();
  const calendar = useCalendarYear(year);
  const settings = useSettings();
  const data = calendar.data?.year === year ? calendar.data : undefined;
  // Five years side by side fit a phone only as bare numbers.
  const isPhone = Grid.useBreakpoint().sm === false;

  return (
    <>
      <PageHeader title={t('calendar.title')} subtitle={t('calendar.subtitle')} />
      <Flex vertical gap={12}>
        <Card size="small">
          <Flex justify="space-between" align="center" gap={16} wrap>
            <Segmented<number>
              value={year}
              onChange={setYear}
              options={YEARS.map((y) => ({
                value: y,
                label: isPhone ? String(y) : t('calendar.yearOption', { year: y }),
              }))}
              data-testid="calendar-year"
            />
            {data ? <YearFigures calendar={data} /> : null}
          </Flex>
        </Card>
        {calendar.isError && !calendar.data ? (
          <LoadError error={calendar.error} onRetry={() => void calendar.refetch()} />
        ) : data ? (
          <>
            <Notice calendar={data} />
            <YearGrid calendar={data} />
          </>
        ) : (
          <Card size="small">
            <Skeleton active paragraph={{ rows: 8 }} />
          </Card>
        )}
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={10}>
            {data ? <LocalDaysCard key={year} calendar={data} /> : null}
          </Col>
          <Col xs={24} xl={14}>
            {settings.isError ? (
              <LoadError error={settings.error} onRetry={() => void settings.refetch()} />
            ) : settings.data ? (
              <LightRulesCard settings={settings.data} />
            ) : (
              <Card size="small">
                <Skeleton active />
              </Card>
            )}
          </Col>
        </Row>
      </Flex>
    </>
  );
}
