import type { TRole, TUnitCategory } from '@duban/domain';

/** The fictional demo county (示范县): its units, and a deterministic roster of people. */
export const DEMO_COUNTY = '示范县';
export const DEMO_PASSWORD = 'Duban-demo-2023';

export const DEMO_TOWNSHIPS = [
  '城关镇',
  '东关镇',
  '西河镇',
  '南山镇',
  '北坪镇',
  '青石镇',
  '龙潭镇',
  '白云镇',
  '红岩乡',
  '桃花乡',
  '松林乡',
  '石门乡',
  '黄土岭乡',
  '清水乡',
  '金鸡乡',
];

export const DEMO_DEPARTMENTS = [
  '县委县政府督查室',
  '县委办公室',
  '县政府办公室',
  '县委组织部',
  '县委宣传部',
  '县发展和改革局',
  '县教育局',
  '县科技和工业信息化局',
  '县公安局',
  '县民政局',
  '县司法局',
  '县财政局',
  '县人力资源和社会保障局',
  '县自然资源局',
  '县生态环境分局',
  '县住房和城乡建设局',
  '县交通运输局',
  '县水利局',
  '县农业农村局',
  '县商务局',
  '县文化和旅游局',
  '县卫生健康局',
  '县退役军人事务局',
  '县应急管理局',
  '县审计局',
  '县市场监督管理局',
  '县统计局',
  '县医疗保障局',
  '县乡村振兴局',
  '县林业局',
  '县行政审批服务局',
  '县信访局',
  '县投资促进中心',
  '县城市管理局',
  '县数据资源局',
  '县供销合作社',
  '县机关事务服务中心',
  '县融媒体中心',
  '县档案馆',
  '县总工会',
];

export const DEMO_PARKS = ['示范县经济开发区', '示范县现代农业产业园'];

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '袁',
  '潘',
  '于',
  '蒋',
  '蔡',
  '余',
  '杜',
  '叶',
  '程',
  '苏',
  '魏',
  '吕',
  '丁',
  '任',
  '沈',
  '姚',
  '卢',
  '姜',
  '崔',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '文',
  '华',
  '红',
  '玉兰',
  '志强',
  '海燕',
  '建国',
  '晓东',
  '春梅',
  '国庆',
  '丹',
  '建军',
  '小红',
  '德明',
  '凤',
  '宇',
  '鹏',
  '欣怡',
  '子轩',
  '浩然',
  '雪梅',
  '立新',
  '永红',
  '卫东',
  '俊',
  '婷',
  '晨',
];

/** A small deterministic pseudo-random generator, so the demo county is the same on every machine. */
export function makeRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TDemoUnit {
  code: string;
  name: string;
  category: TUnitCategory;
}

export interface TDemoPerson {
  username: string;
  displayName: string;
  unitCode: string;
  title: string;
  roles: { role: TRole; unitCode: string; includeSubtree: boolean }[];
}

/** The demo units: the county, 15 townships, 40 departments, 2 parks. */
export function demoUnits(): TDemoUnit[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  return [
    { code: 'county', name: DEMO_COUNTY, category: 'county' },
    ...DEMO_TOWNSHIPS.map((name, i) => ({ code: `zh${pad(i + 1)}`, name, category: 'township' as const })),
    ...DEMO_DEPARTMENTS.map((name, i) => ({ code: `bm${pad(i + 1)}`, name, category: 'department' as const })),
    ...DEMO_PARKS.map((name, i) => ({ code: `yq${pad(i + 1)}`, name, category: 'park' as const })),
  ];
}

/** The demo people: the named demo accounts of every role, then 5–15 people in each unit. */
export function demoPeople(): TDemoPerson[] {
  const random = makeRandom(2023);
  const used = new Set<string>();
  const nameOf = () => {
    for (;;) {
      const surname = SURNAMES[Math.floor(random() * SURNAMES.length)] ?? '王';
      const given = GIVEN[Math.floor(random() * GIVEN.length)] ?? '伟';
      const name = surname + given;
      if (!used.has(name) || used.size > 2500) {
        used.add(name);
        return name;
      }
    }
  };
  const at = (role: TRole, unitCode: string, includeSubtree = true) => ({ role, unitCode, includeSubtree });
  const people: TDemoPerson[] = [
    {
      username: 'admin',
      displayName: '系统管理员',
      unitCode: 'bm35',
      title: '系统管理员',
      roles: [at('sysAdmin', 'county')],
    },
    {
      username: 'secadmin',
      displayName: '安全管理员',
      unitCode: 'bm35',
      title: '安全管理员',
      roles: [at('secAdmin', 'county')],
    },
    {
      username: 'auditor',
      displayName: '安全审计员',
      unitCode: 'bm25',
      title: '安全审计员',
      roles: [at('auditor', 'county')],
    },
    { username: 'leader', displayName: nameOf(), unitCode: 'county', title: '县长', roles: [at('leader', 'county')] },
    {
      username: 'supervisor',
      displayName: nameOf(),
      unitCode: 'bm01',
      title: '督查室主任',
      roles: [at('supervisor', 'county')],
    },
    { username: 'judge', displayName: nameOf(), unitCode: 'county', title: '评委', roles: [at('judge', 'county')] },
    { username: 'head', displayName: nameOf(), unitCode: 'zh01', title: '镇长', roles: [at('unitHead', 'zh01')] },
    {
      username: 'liaison',
      displayName: nameOf(),
      unitCode: 'zh01',
      title: '党政办联络员',
      roles: [at('liaison', 'zh01')],
    },
    { username: 'cadre', displayName: nameOf(), unitCode: 'zh01', title: '干部', roles: [at('cadre', 'zh01', false)] },
    { username: 'cadre2', displayName: nameOf(), unitCode: 'bm06', title: '干部', roles: [at('cadre', 'bm06', false)] },
  ];
  for (const title of ['县委书记', '常务副县长', '副县长', '副县长', '县委副书记']) {
    people.push({
      username: `leader${people.length}`,
      displayName: nameOf(),
      unitCode: 'county',
      title,
      roles: [at('leader', 'county')],
    });
  }
  for (const unit of demoUnits().slice(1)) {
    const size = 5 + Math.floor(random() * 11);
    const isTownship = unit.category === 'township';
    for (let i = 1; i <= size; i++) {
      if (unit.code === 'zh01' && i <= 3) continue; // head, liaison and cadre above
      const role: TRole = i === 1 ? 'unitHead' : i === 2 ? 'liaison' : 'cadre';
      const title =
        i === 1
          ? isTownship
            ? '党委书记'
            : '局长'
          : i === 2
            ? '联络员'
            : i === 3
              ? isTownship
                ? '副镇长'
                : '副局长'
              : '干部';
      people.push({
        username: `${unit.code}-${String(i).padStart(2, '0')}`,
        displayName: nameOf(),
        unitCode: unit.code,
        title,
        roles: [at(role, unit.code, role !== 'cadre')],
      });
    }
  }
  return people;
}
