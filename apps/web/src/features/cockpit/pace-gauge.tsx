import type { TPaceLight } from '@duban/domain';
import { Progress } from 'antd';
import type { ReactNode } from 'react';
import { LIGHT_COLORS } from '../../components/light-badge.tsx';

/** antd's dashboard leaves this many degrees open at the bottom; the arc runs clockwise over the rest. */
const GAP_DEGREES = 75;

/** Where on the arc a share (0–100) lies, as a rotation from 12 o'clock. */
const angleOf = (share: number): number => {
  const clamped = Math.min(100, Math.max(0, share));
  return -180 + GAP_DEGREES / 2 + (clamped / 100) * (360 - GAP_DEGREES);
};

interface TPaceGaugeProps {
  doneShare: number;
  expectedShare: number;
  light: TPaceLight;
  size: number;
  /** What the gauge says in its middle (the share done, and what it means). */
  children: ReactNode;
  /** The colour of the empty arc and of the expected-share tick (dark on the wall). */
  railColor?: string;
  markerColor?: string;
  markerLabel: string;
}

/**
 * A target's pace as a gauge: the arc filled to the share done in its light's colour, and a tick where the share
 * expected by now lies — "half the time, half the work" at a glance.
 */
export function PaceGauge({
  doneShare,
  expectedShare,
  light,
  size,
  children,
  railColor,
  markerColor = '#1f2937',
  markerLabel,
}: TPaceGaugeProps) {
  const tick = Math.max(3, Math.round(size / 40));
  const length = Math.round(size * 0.15);
  // The tick straddles the arc: its centre lies 0.47 of the size from the gauge's centre, at the share's angle. Only
  // the tick itself is turned, so nothing larger than the tick reaches past the gauge's box.
  const angle = angleOf(expectedShare);
  const radians = (angle * Math.PI) / 180;
  const reach = size * 0.47;
  return (
    <div style={{ position: 'relative', width: size, height: size, flex: 'none' }}>
      <Progress
        type="dashboard"
        status="normal"
        percent={Math.min(100, Math.max(0, doneShare))}
        size={size}
        strokeColor={LIGHT_COLORS[light]}
        railColor={railColor}
        format={() => children}
        aria-label={markerLabel}
      />
      <div
        data-testid="pace-marker"
        data-share={expectedShare}
        title={markerLabel}
        style={{
          position: 'absolute',
          left: size / 2 + reach * Math.sin(radians) - tick / 2,
          top: size / 2 - reach * Math.cos(radians) - length / 2,
          width: tick,
          height: length,
          borderRadius: tick / 2,
          background: markerColor,
          transform: `rotate(${angle}deg)`,
          pointerEvents: 'none',
        }}
      />
    </div>
  );
}
