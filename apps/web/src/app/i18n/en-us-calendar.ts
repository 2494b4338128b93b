import type { zhCNCalendar } from './zh-cn-calendar.ts';

/** The English UI text of the working-day calendar and the light rules: the same keys as the Chinese. */
export const enUSCalendar: typeof zhCNCalendar = {
  calendar: {
    title: 'Calendar & light rules',
    subtitle:
      'Working days follow the State Council’s holiday arrangement (make-up workdays included), with the county’s own days off and workdays over it; the light rules decide when a task turns yellow or red and how supervision escalates. Changes apply at once.',
    yearOption: '{{year}}',
    yearTitle: 'Calendar {{year}}',
    notice: 'Holidays as published in {{title}} (issued {{issued}})',
    noNotice:
      'The State Council has not yet published this year’s holiday arrangement: only weekends count; you can enter it here',
    noNoticeDetail:
      'Once the notice is out, enter its days off and make-up workdays one by one under “Local days off and workdays” below.',
    stats: {
      workingDays: 'Working days',
      holidays: 'Public holidays',
      workdays: 'Make-up workdays',
      local: 'Local days',
      daysUnit: 'days',
    },
    marks: {
      holiday: 'H',
      workday: 'W',
    },
    kinds: {
      holiday: 'Day off',
      workday: 'Workday',
    },
    origins: {
      official: 'State Council',
      local: 'Local',
    },
    legend: {
      officialHoliday: 'Public holiday',
      officialWorkday: 'Make-up workday',
      local: 'Local day (dashed)',
      weekend: 'Weekend',
      today: 'Today',
    },
    month: '{{month}}',
    monthLine: '{{days}}: {{name}}',
    dayTip: '{{day}} {{name}} · {{kind}} · {{origin}}',
    holidayNames: {
      newYear: 'New Year’s Day',
      springFestival: 'Spring Festival',
      qingming: 'Qingming Festival',
      labourDay: 'Labour Day',
      dragonBoat: 'Dragon Boat Festival',
      midAutumn: 'Mid-Autumn Festival',
      nationalDay: 'National Day',
      midAutumnNationalDay: 'Mid-Autumn Festival and National Day',
    },
    local: {
      title: 'Local days off and workdays',
      hint: 'A local day overrides the State Council’s arrangement and the weekend, e.g. a county anniversary off or flood duty on a Sunday. Adding or removing one saves at once.',
      day: 'Date',
      kind: 'Kind',
      name: 'Name',
      namePlaceholder: 'e.g. County day',
      add: 'Add',
      remove: 'Remove',
      removeConfirm: 'Remove the local day on {{day}}?',
      empty: 'No local days this year',
      dayRequired: 'Choose a date',
      nameRequired: 'Enter a name',
      nameTooLong: 'At most 60 characters',
      duplicate: 'That day already has a local entry: remove it first',
      overOfficial: 'Overrides the State Council',
      saved: 'Calendar saved: {{count}} working days in {{year}}',
    },
    rules: {
      title: 'Light rules',
      hint: 'Every task is lit each morning and on every change by these rules; red wins over yellow. Expected pace = share of the working days from start to due date that have passed × 100.',
      groups: {
        red: 'Red',
        yellow: 'Yellow',
        ladder: 'Escalation',
      },
      units: {
        points: 'points',
        periods: 'periods',
        workingDays: 'working days',
        percent: '%',
        days: 'days',
      },
      fields: {
        redBehindPace: { label: 'Behind pace', meaning: 'Progress behind the expected pace by more than this → red' },
        redMissedReports: { label: 'No update', meaning: 'No check-in for this many reporting periods → red' },
        yellowBehindPace: {
          label: 'Behind pace',
          meaning: 'Progress behind the expected pace by more than this → yellow',
        },
        yellowMissedReports: { label: 'No update', meaning: 'No check-in for this many reporting periods → yellow' },
        dueSoonWorkingDays: { label: 'Due soon', meaning: 'Due within this many working days …' },
        dueSoonProgressBelow: { label: 'Due soon with progress below', meaning: '… with progress below this → yellow' },
        acknowledgeWorkingDays: {
          label: 'Not acknowledged',
          meaning: 'Not acknowledged this many working days after assignment → yellow',
        },
        urgeAnswerWorkingDays: {
          label: 'Urge notice answer',
          meaning: 'An urge notice must be answered within this many working days, or the ladder climbs',
        },
        supervisionNoticeRedDays: {
          label: 'Supervision notice',
          meaning: 'Red for this many days → supervision notice to the unit head and lead leader',
        },
        admonishRedDays: {
          label: 'Admonition',
          meaning: 'Red for this many days → flagged for an admonition interview',
        },
      },
      conflicts: {
        yellowBehindPace: 'Must be below the red threshold: yellow comes before red',
        yellowMissedReports: 'Must be below the red threshold: yellow comes before red',
        supervisionNoticeRedDays: 'Must be below the admonition days: the ladder climbs',
      },
      required: 'Required',
      save: 'Save light rules',
      saved: 'Light rules saved; they apply at once',
    },
  },
};
