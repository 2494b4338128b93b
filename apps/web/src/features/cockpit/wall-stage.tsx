import { type ReactNode, useEffect, useState } from 'react';

/** The wall display is laid out once, for a 1920×1080 screen, and scaled to whatever screen shows it. */
export const STAGE_WIDTH = 1920;
export const STAGE_HEIGHT = 1080;

const fitScale = (): number => Math.min(window.innerWidth / STAGE_WIDTH, window.innerHeight / STAGE_HEIGHT);

/**
 * A fixed 1920×1080 stage, scaled to fit the window whole and centred on black (letterboxed), re-scaled when the
 * window changes size.
 */
export function WallStage({ children }: { children: ReactNode }) {
  const [scale, setScale] = useState(fitScale);
  useEffect(() => {
    const onResize = () => setScale(fitScale());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return (
    <div className="wall-backdrop">
      <div
        className="wall-stage"
        data-testid="wall-stage"
        data-scale={scale}
        style={{
          width: STAGE_WIDTH,
          height: STAGE_HEIGHT,
          transform: `translate(-50%, -50%) scale(${scale})`,
        }}
      >
        {children}
      </div>
    </div>
  );
}
