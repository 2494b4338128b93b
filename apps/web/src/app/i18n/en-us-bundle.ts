import enUSAntd from 'antd/locale/en_US';
import { enUS } from './en-us.ts';

/** Everything English: loaded only when someone chooses the language. */
export { enUS, enUSAntd };
