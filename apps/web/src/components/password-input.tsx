import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '-_.!@#%+='];

function pick(chars: string, random: number): string {
  return chars[random % chars.length] ?? '';
}

/** A random password of 14 characters with every character class, easy to read aloud (no 0/O, 1/l/I). */
export function generatePassword(): string {
  const random = crypto.getRandomValues(new Uint32Array(14));
  const all = CLASSES.join('');
  const chars = Array.from(random, (r, i) => pick(i < CLASSES.length ? (CLASSES[i] ?? all) : all, r));
  // Shuffle so the guaranteed classes do not always sit at the start.
  const order = crypto.getRandomValues(new Uint32Array(chars.length));
  return chars
    .map((c, i) => ({ c, k: order[i] ?? 0 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.c)
    .join('');
}

interface TPasswordInputProps {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  /** Offer a button that fills in a strong random password (for passwords set for someone else). */
  canGenerate?: boolean;
  autoComplete?: string;
}

/** A password field; for admins, with a generator that shows what it generated. */
export function PasswordInput({ id, value, onChange, canGenerate = false, autoComplete }: TPasswordInputProps) {
  const { t } = useTranslation();
  const [isVisible, setVisible] = useState(false);
  const input = (
    <Input.Password
      id={id}
      value={value}
      onChange={(e) => onChange?.(e.target.value)}
      visibilityToggle={{ visible: isVisible, onVisibleChange: setVisible }}
      autoComplete={autoComplete ?? 'new-password'}
      maxLength={128}
    />
  );
  if (!canGenerate) return input;
  return (
    <Space.Compact style={{ width: '100%' }}>
      {input}
      <Button
        onClick={() => {
          onChange?.(generatePassword());
          setVisible(true);
        }}
      >
        {t('password.generate')}
      </Button>
    </Space.Compact>
  );
}
