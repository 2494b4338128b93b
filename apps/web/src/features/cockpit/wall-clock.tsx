import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The date and the time to the second, ticking; its one timer goes with it. */
export function WallClock() {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => dayjs());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(dayjs()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <div className="wall-clock" data-testid="wall-clock">
      <span className="wall-clock-date">{now.format(t('cockpit.wall.dateFormat'))}</span>
      <span className="wall-clock-time">{now.format('HH:mm:ss')}</span>
    </div>
  );
}
