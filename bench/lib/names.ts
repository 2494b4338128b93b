import type { TRandom } from './random.ts';

const words = (text: string): string[] => text.trim().split(/\s+/);

/** Common Chinese surnames, each followed by its approximate share (per mille) of the population. */
const SURNAMES: readonly (readonly [string, number])[] = `
王71 李70 张67 刘54 陈45 杨31 黄21 赵20 吴18 周17 徐13 孙12 马11 朱11 胡10 郭10 何9 高9
林9 罗8 郑8 梁8 谢6 宋6 唐6 许6 韩5 冯5 邓5 曹5 彭4 曾4 肖4 田4 董4 袁4
潘4 于4 蒋4 蔡4 余4 杜3 叶3 程3 苏3 魏3 吕3 丁3 任3 沈3 姚3 卢2 姜2 崔2
钟2 谭2 陆2 汪2 范2 金2 石2 廖2 贾2 夏2 韦2 付2 方2 白2 邹1 孟1 熊1 秦1
邱1 江1 尹1 薛1 闫1 段1 雷1 侯1 龙1 史1 陶1 黎1 贺1 顾1 毛1 郝1 龚1 邵1
万1 钱1 严1 覃1 武1 戴1 莫1 孔1 欧阳0.3 上官0.1 司马0.1
`
  .trim()
  .split(/\s+/)
  .map((entry) => {
    const at = entry.search(/[0-9]/);
    return [entry.slice(0, at), Number(entry.slice(at))] as const;
  });
const SURNAME_TOTAL = SURNAMES.reduce((sum, [, weight]) => sum + weight, 0);

const GIVEN_FIRST = '建志国德海晓文立永春秋玉秀丽雪子思梓雨嘉俊宏伟明红新小金丹佳紫一家少天';
const GIVEN_LAST_MALE = '伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林阳峰亮成东海晨博';
const GIVEN_LAST_FEMALE = '芳娜敏静丽艳娟霞燕玲婷雪慧颖琳倩洁红梅莉萍兰月佳欣怡晶丹蓉英琴';

/** A realistic Chinese personal name: a frequency-weighted surname and a one- or two-character given name. */
export function personName(random: TRandom): string {
  let roll = random.next() * SURNAME_TOTAL;
  let surname = '王';
  for (const [name, weight] of SURNAMES) {
    roll -= weight;
    if (roll <= 0) {
      surname = name;
      break;
    }
  }
  const last = random.pick([...(random.chance(0.5) ? GIVEN_LAST_MALE : GIVEN_LAST_FEMALE)]);
  return random.chance(0.6) ? `${surname}${random.pick([...GIVEN_FIRST])}${last}` : `${surname}${last}`;
}

/** A mobile number of the usual 11-digit shape. */
export function phoneNumber(random: TRandom): string {
  return `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
}

const PLACE_FIRST = '东西南北青龙白红石金桃松清黄马新长太永安平河柳杨花双高大古云凤宝兴福梅竹兰沙丰和德仁茶';
const PLACE_LAST = '河山坪湾岭坝桥塘铺口关溪林田阳源泉峰岗洲江湖庄寨集店场营沟川';

/** Hands out distinct two-character place names (townships, villages). */
export function createPlaceNames(random: TRandom): () => string {
  const used = new Set<string>(['城关']);
  let spill = 0;
  return () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const name = `${random.pick([...PLACE_FIRST])}${random.pick([...PLACE_LAST])}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
    spill++;
    return `新${spill}`;
  };
}

/** County departments; `{}` is the level's character (县 for a county, 市 for a city). The first one supervises. */
export const DEPARTMENTS: readonly string[] = words(`
{}委{}政府督查室 {}委办公室 {}人大常委会办公室 {}政府办公室 {}政协办公室 {}纪委监委
{}委组织部 {}委宣传部 {}委统战部 {}委政法委 {}委编办 {}发展和改革局
{}教育局 {}科技和工业信息化局 {}公安局 {}民政局 {}司法局 {}财政局
{}人力资源和社会保障局 {}自然资源局 {}生态环境分局 {}住房和城乡建设局 {}交通运输局 {}水利局
{}农业农村局 {}商务局 {}文化和旅游局 {}卫生健康局 {}退役军人事务局 {}应急管理局
{}审计局 {}市场监督管理局 {}统计局 {}医疗保障局 {}乡村振兴局 {}林业局
{}行政审批服务局 {}信访局 {}投资促进中心 {}城市管理局 {}数据资源局 {}供销合作社
{}机关事务服务中心 {}融媒体中心 {}档案馆 {}总工会 团{}委 {}妇联
{}科协 {}残联 {}税务局 {}人民法院 {}人民检察院 {}消防救援大队
{}气象局 {}住房公积金管理中心 {}粮食和物资储备中心 {}地方志办公室 {}营商环境建设局 {}工商业联合会
`);

export const TOWNSHIP_OFFICES: readonly string[] = words(`
党政综合办公室 党建工作办公室 经济发展办公室 社会事务办公室 综合行政执法队
便民服务中心 农业农村综合服务中心 退役军人服务站 综治中心 财政所
`);

export const DEPARTMENT_OFFICES: readonly string[] = words(`
办公室 政策法规股 计划财务股 人事股 业务股 执法大队 服务中心 监测站
`);

export const PARK_OFFICES: readonly string[] = words(`
党政办公室 招商服务局 规划建设局 企业服务中心 安全环保局 财政金融局
`);

export const PARK_NAMES: readonly string[] = words(`
经济开发区 现代农业产业园 高新技术产业园 物流园区 文化旅游产业园 循环经济产业园
`);
