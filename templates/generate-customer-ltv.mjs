#!/usr/bin/env node
/**
 * Writes templates/customer-ltv.json: the 客户价值 (LTV) template and its sample data.
 *
 * Deterministic: a seeded PRNG and fixed dates, so running it again gives the same bytes
 * (`node templates/generate-customer-ltv.mjs`, or `npm run templates`). Change the data
 * here, never by hand in the JSON.
 *
 * The sample customers are drawn from archetypes so that every lifecycle stage appears in
 * the data relative to the end of the order window (2026-10-31): leads without orders,
 * brand-new one-order customers, regular and heavy repeat buyers who are still buying,
 * buyers who went quiet two to six months ago, and buyers who stopped long ago.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'customer-ltv.json');

const WINDOW_START = day('2024-11-01');
const WINDOW_END = day('2026-10-31');

// ---------------------------------------------------------------------------------------
// Seeded randomness (mulberry32) and helpers

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261031);
const between = (min, max) => min + random() * (max - min);
const int = (min, max) => Math.floor(between(min, max + 1));
const pick = (list) => list[Math.floor(random() * list.length)];
/** Pick from `[value, weight]` pairs. */
function weighted(pairs) {
  const total = pairs.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of pairs) {
    r -= w;
    if (r < 0) return value;
  }
  return pairs[pairs.length - 1][0];
}
/** Standard normal (Box–Muller). */
function normal() {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
const cents = (x) => Math.round(x * 100) / 100;
const round2 = (x) => Math.round(x * 100) / 100;

/** Days since 1970-01-01 (UTC) of an ISO date. */
function day(iso) {
  return Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86400000);
}
const iso = (d) => new Date(d * 86400000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------
// Vocabulary

const SURNAMES = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
  ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'],
  ['郭', 'guo'], ['何', 'he'], ['林', 'lin'], ['罗', 'luo'], ['高', 'gao'], ['郑', 'zheng'], ['梁', 'liang'],
  ['谢', 'xie'], ['宋', 'song'], ['唐', 'tang'], ['许', 'xu'], ['韩', 'han'], ['冯', 'feng'], ['邓', 'deng'],
  ['曹', 'cao'], ['彭', 'peng'], ['曾', 'zeng'], ['肖', 'xiao'], ['田', 'tian'], ['董', 'dong'], ['潘', 'pan'],
  ['袁', 'yuan'], ['蔡', 'cai'], ['蒋', 'jiang'], ['余', 'yu'], ['于', 'yu'], ['杜', 'du'], ['叶', 'ye'],
  ['程', 'cheng'], ['魏', 'wei'], ['苏', 'su'], ['吕', 'lv'], ['丁', 'ding'], ['任', 'ren'], ['沈', 'shen'],
  ['姚', 'yao'], ['卢', 'lu'], ['傅', 'fu'], ['钟', 'zhong'], ['姜', 'jiang'], ['崔', 'cui'], ['谭', 'tan'],
  ['陆', 'lu'], ['范', 'fan'], ['汪', 'wang'], ['廖', 'liao'], ['石', 'shi'], ['金', 'jin'], ['韦', 'wei'],
  ['贾', 'jia'], ['夏', 'xia'], ['付', 'fu'], ['方', 'fang'], ['邹', 'zou'], ['熊', 'xiong'], ['白', 'bai'],
  ['孟', 'meng'], ['秦', 'qin'], ['邱', 'qiu'], ['侯', 'hou'], ['江', 'jiang'], ['尹', 'yin'], ['薛', 'xue'],
  ['闫', 'yan'], ['段', 'duan'], ['雷', 'lei'], ['龙', 'long'], ['黎', 'li'], ['史', 'shi'], ['陶', 'tao'],
  ['贺', 'he'], ['毛', 'mao'], ['郝', 'hao'], ['顾', 'gu'], ['龚', 'gong'], ['邵', 'shao'], ['万', 'wan'],
  ['钱', 'qian'], ['戴', 'dai'], ['严', 'yan'], ['欧阳', 'ouyang'], ['上官', 'shangguan'], ['司马', 'sima'],
];
// Common surnames are much more common: weight falls with rank; compound surnames are rare.
const SURNAME_WEIGHTS = SURNAMES.map((s, rank) => [s, s[0].length > 1 ? 0.15 : 12 / (rank + 6)]);

const GIVEN_NAMES = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'],
  ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'], ['娟', 'juan'],
  ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['雪', 'xue'],
  ['琳', 'lin'], ['颖', 'ying'], ['鹏', 'peng'], ['辉', 'hui'], ['斌', 'bin'], ['凯', 'kai'], ['倩', 'qian'],
  ['秀英', 'xiuying'], ['桂英', 'guiying'], ['建华', 'jianhua'], ['志强', 'zhiqiang'], ['晓红', 'xiaohong'],
  ['海燕', 'haiyan'], ['子涵', 'zihan'], ['浩然', 'haoran'], ['梓萱', 'zixuan'], ['雨桐', 'yutong'],
  ['欣怡', 'xinyi'], ['宇轩', 'yuxuan'], ['思远', 'siyuan'], ['佳琪', 'jiaqi'], ['俊杰', 'junjie'],
  ['晓明', 'xiaoming'], ['嘉怡', 'jiayi'], ['文博', 'wenbo'], ['一诺', 'yinuo'], ['诗涵', 'shihan'],
  ['子豪', 'zihao'], ['梦琪', 'mengqi'], ['雅婷', 'yating'], ['志伟', 'zhiwei'], ['丽娟', 'lijuan'],
  ['国庆', 'guoqing'], ['建国', 'jianguo'], ['慧敏', 'huimin'], ['婷婷', 'tingting'], ['晨曦', 'chenxi'],
  ['昊天', 'haotian'], ['若曦', 'ruoxi'], ['天佑', 'tianyou'], ['美玲', 'meiling'], ['春梅', 'chunmei'],
  ['海涛', 'haitao'], ['振宇', 'zhenyu'], ['晓燕', 'xiaoyan'], ['红梅', 'hongmei'], ['家豪', 'jiahao'],
  ['思琪', 'siqi'], ['博文', 'bowen'], ['欣然', 'xinran'], ['明轩', 'mingxuan'], ['静怡', 'jingyi'],
];

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157',
  '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188',
  '189', '191', '195', '198', '199',
];

const EMAIL_DOMAINS = [['163.com', 24], ['qq.com', 30], ['126.com', 10], ['gmail.com', 6], ['outlook.com', 7], ['sina.com', 5], ['foxmail.com', 8], ['icloud.com', 10]];

const CITIES = [
  ['shanghai', '上海', 'Shanghai', 16], ['beijing', '北京', 'Beijing', 14], ['guangzhou', '广州', 'Guangzhou', 10],
  ['shenzhen', '深圳', 'Shenzhen', 10], ['hangzhou', '杭州', 'Hangzhou', 9], ['chengdu', '成都', 'Chengdu', 8],
  ['nanjing', '南京', 'Nanjing', 6], ['wuhan', '武汉', 'Wuhan', 6], ['suzhou', '苏州', 'Suzhou', 5],
  ['xian', '西安', "Xi'an", 4], ['chongqing', '重庆', 'Chongqing', 5], ['changsha', '长沙', 'Changsha', 4],
  ['tianjin', '天津', 'Tianjin', 3], ['xiamen', '厦门', 'Xiamen', 3],
];

// [id, zh, en, colour, weight, acquisition cost range (yuan)]
const SOURCES = [
  ['online', '线上商城', 'Online store', '#3b82f6', 26, [40, 120]],
  ['store', '门店', 'Retail store', '#10b981', 20, [20, 60]],
  ['miniapp', '小程序', 'Mini program', '#8b5cf6', 18, [15, 50]],
  ['live', '直播', 'Live stream', '#ef4444', 14, [60, 150]],
  ['referral', '转介绍', 'Referral', '#f59e0b', 12, [10, 30]],
  ['ads', '广告投放', 'Paid ads', '#64748b', 10, [80, 200]],
];

const CHANNELS = [
  ['online', '线上商城', 'Online store', '#3b82f6'],
  ['store', '门店', 'Retail store', '#10b981'],
  ['miniapp', '小程序', 'Mini program', '#8b5cf6'],
  ['live', '直播间', 'Live room', '#ef4444'],
  ['wecom', '企业微信', 'WeCom', '#22c55e'],
];
/** The channel a customer from each source mostly buys through. */
const HOME_CHANNEL = { online: 'online', store: 'store', miniapp: 'miniapp', live: 'live', referral: 'wecom', ads: 'online' };

const PAYMENT = [
  ['paid', '已支付', 'Paid', '#10b981'],
  ['pending', '待支付', 'Pending', '#f59e0b'],
  ['refunded', '已退款', 'Refunded', '#ef4444'],
];

const NOTES = [
  'VIP 客户，偏好顺丰配送', '对价格敏感，主要在大促期间购买', '企业采购，需要开具增值税专用发票', '直播间老粉，常参与秒杀',
  '曾投诉物流延迟，已补偿优惠券', '喜欢新品，可优先推送上新通知', '只在周末到店', '生日在 3 月，可安排生日礼',
  '由老客户推荐，已发放推荐奖励', '偏好小程序下单，响应消息及时', '多次咨询会员积分兑换', '对包装要求高，备注礼盒装',
  '已加入企业微信社群', '上次回访表示考虑复购', '退货较多，下单前请确认尺码',
];

// Archetypes: [kind, count]. Counts add up to the number of customers.
const ARCHETYPES = [
  ['lead', 36], // 潜在客户: registered, never ordered
  ['new', 14], // 新客户: first and only order in the last month
  ['oneTime', 30], // one order long ago
  ['regular', 70], // buys every one to two months, still buying
  ['heavy', 24], // buys every one to three weeks, still buying
  ['silent', 34], // was buying, stopped 2–6 months before the window end
  ['churned', 32], // stopped more than 6 months before the window end
];

const PROMO_DAYS = ['2024-11-11', '2025-06-18', '2025-11-11', '2026-06-18'].map(day);

const RETENTION = {
  lead: [0.3, 0.5], new: [0.5, 0.7], oneTime: [0.2, 0.4], regular: [0.65, 0.85], heavy: [0.85, 0.95],
  silent: [0.4, 0.6], churned: [0.1, 0.35],
};

// ---------------------------------------------------------------------------------------
// Customers

const usedNames = new Set();
const usedMobiles = new Set();
const usedEmails = new Set();

function personName() {
  for (;;) {
    const [surname, surnamePy] = weighted(SURNAME_WEIGHTS);
    const [given, givenPy] = pick(GIVEN_NAMES);
    const name = surname + given;
    if (!usedNames.has(name)) {
      usedNames.add(name);
      return { name, surnamePy, givenPy };
    }
  }
}

function mobile() {
  for (;;) {
    let number = pick(MOBILE_PREFIXES);
    for (let i = 0; i < 8; i++) number += String(int(0, 9));
    if (!usedMobiles.has(number)) {
      usedMobiles.add(number);
      return number;
    }
  }
}

function email(person) {
  for (;;) {
    const domain = weighted(EMAIL_DOMAINS);
    let local;
    if (domain === 'qq.com' && random() < 0.8) {
      local = String(int(10000000, 2999999999));
    } else {
      const style = int(0, 3);
      const digits = random() < 0.5 ? String(int(1970, 2004)) : String(int(1, 999));
      if (style === 0) local = `${person.surnamePy}${person.givenPy}`;
      else if (style === 1) local = `${person.surnamePy}${person.givenPy}${digits}`;
      else if (style === 2) local = `${person.givenPy}.${person.surnamePy}`;
      else local = `${person.surnamePy}_${person.givenPy}${digits.slice(-2)}`;
    }
    const address = `${local}@${domain}`;
    if (!usedEmails.has(address)) {
      usedEmails.add(address);
      return address;
    }
  }
}

/** Order days of one customer, from their archetype. */
function orderDays(kind) {
  const days = [];
  const series = (start, stop, meanGap) => {
    for (let d = start; d <= stop; d += Math.max(1, Math.round(meanGap * between(0.45, 1.6)))) days.push(d);
  };
  switch (kind) {
    case 'lead':
      break;
    case 'new':
      days.push(WINDOW_END - int(0, 28));
      break;
    case 'oneTime':
      days.push(int(WINDOW_START, WINDOW_END - 200));
      break;
    case 'regular':
      series(int(WINDOW_START, WINDOW_END - 240), WINDOW_END - int(0, 25), between(28, 62));
      break;
    case 'heavy':
      series(int(WINDOW_START, WINDOW_START + 300), WINDOW_END - int(0, 6), between(13, 28));
      break;
    case 'silent': {
      const stop = WINDOW_END - int(65, 175);
      series(int(WINDOW_START, stop - 150), stop, between(25, 55));
      break;
    }
    case 'churned': {
      const stop = WINDOW_END - int(200, 520);
      series(Math.max(WINDOW_START, stop - int(60, 240)), stop, between(30, 70));
      break;
    }
  }
  // Shopping festivals (双11 on 11-11, 618 on 06-18) bring extra orders from people who are
  // buying anyway at that time.
  if (days.length > 1) {
    for (const festival of PROMO_DAYS) {
      if (festival > days[0] && festival < days[days.length - 1] && random() < 0.4) days.push(festival);
    }
  }
  return [...new Set(days)].filter((d) => d >= WINDOW_START && d <= WINDOW_END).sort((a, b) => a - b);
}

const kinds = ARCHETYPES.flatMap(([kind, count]) => Array.from({ length: count }, () => kind));
// Shuffle (Fisher–Yates) so that archetypes are not grouped by id.
for (let i = kinds.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
}

const customers = [];
const orders = [];
kinds.forEach((kind, index) => {
  const id = `c${String(index + 1).padStart(3, '0')}`;
  const person = personName();
  const source = weighted(SOURCES.map((s) => [s, s[4]]));
  const days = orderDays(kind);
  const firstDay = days.length > 0 ? days[0] : int(WINDOW_START, WINDOW_END - 3);
  const registeredOn = Math.max(day('2024-09-01'), firstDay - (random() < 0.5 ? 0 : int(1, 45)));
  const values = {
    name: person.name,
    mobile: mobile(),
  };
  if (random() < 0.86) values.email = email(person);
  values.city = weighted(CITIES.map((c) => [c[0], c[3]]));
  values.source = source[0];
  values.registeredOn = iso(registeredOn);
  values.acquisitionCost = cents(between(...source[5]));
  values.grossMargin = round2(between(0.18, 0.55));
  values.retentionRate = round2(between(...RETENTION[kind]));
  if (random() < 0.22) values.notes = pick(NOTES);
  customers.push({ id, values });

  // Each customer has a typical basket; heavy buyers buy smaller baskets more often.
  const typical = Math.exp(Math.log(kind === 'heavy' ? 160 : 280) + 0.45 * normal());
  for (const d of days) {
    const amount = Math.min(8000, Math.max(9.9, typical * Math.exp(0.35 * normal())));
    const recent = WINDOW_END - d <= 10;
    const status = recent
      ? weighted([['paid', 73], ['pending', 25], ['refunded', 2]])
      : weighted([['paid', 92], ['pending', 1], ['refunded', 7]]);
    const channel = random() < 0.72 ? HOME_CHANNEL[source[0]] : pick(CHANNELS)[0];
    orders.push({ day: d, customer: id, amount: cents(amount), status, channel });
  }
});

// ---------------------------------------------------------------------------------------
// Staff, owners, tags, points and tiers. A PRNG of their own, so the customers and orders
// above stay exactly as they were before these fields existed.
//
// The lifecycle stage is computed (from paid orders, on the day the app is opened), so the
// sample data holds none: the stage tracker records every customer's stage on first open,
// a move from nothing that no shipped rule reacts to (the churn rules want active → silent).
// Storing a stage as of the reference date would instead make the first open, weeks or
// months later, look like dozens of customers had just gone quiet.

const crmRandom = mulberry32(20261111);
const chance = (p) => crmRandom() < p;
const crmPick = (list) => list[Math.floor(crmRandom() * list.length)];

// [id, name, phone, email, active]. 韩雪 has left: she keeps her old customers (until someone
// reassigns them) but lead auto-assignment should not pick her.
const STAFF = [
  ['s01', '陈晓燕', '13816620481', 'chen.xiaoyan@shop.example.cn', true],
  ['s02', '刘建华', '13917735502', 'liu.jianhua@shop.example.cn', true],
  ['s03', '周子涵', '18621049973', 'zhou.zihan@shop.example.cn', true],
  ['s04', '韩雪', '15026318864', 'han.xue@shop.example.cn', false],
];
const staffRecords = STAFF.map(([id, name, phone, mail, active]) => ({ id, values: { name, phone, email: mail, active } }));

/** The reference date of the sample data: the stage that decides who has an owner is as of this day. */
const REFERENCE_DAY = WINDOW_END;
const STAGE_THRESHOLDS = { silentAfterDays: 60, churnedAfterDays: 180, activeMinOrders: 2 };

/** The lifecycle stage on `today` from paid orders only (the stage field's `countWhen`), as src/core/lifecycle/stage.ts computes it. */
function stageOf(paidDays, today) {
  if (paidDays.length === 0) return 'potential';
  const since = today - Math.max(...paidDays);
  if (since > STAGE_THRESHOLDS.churnedAfterDays) return 'churned';
  if (since > STAGE_THRESHOLDS.silentAfterDays) return 'silent';
  return paidDays.length >= STAGE_THRESHOLDS.activeMinOrders ? 'active' : 'new';
}

const TIER_STEPS = [[20000, 'platinum'], [5000, 'gold'], [1000, 'silver']];
const tierOf = (points) => TIER_STEPS.find(([min]) => points >= min)?.[1] ?? 'regular';

const paidByCustomer = new Map();
for (const o of orders) {
  if (o.status !== 'paid') continue;
  const paid = paidByCustomer.get(o.customer) ?? { days: [], spend: 0 };
  paid.days.push(o.day);
  paid.spend += o.amount;
  paidByCustomer.set(o.customer, paid);
}

/** Customer id → stage on the reference day (not stored: it picks owners and the sample tasks and messages). */
const stageById = new Map();
for (const customer of customers) {
  const paid = paidByCustomer.get(customer.id) ?? { days: [], spend: 0 };
  const stage = stageOf(paid.days, REFERENCE_DAY);
  stageById.set(customer.id, stage);
  const values = customer.values;
  // Leads are half of them still unassigned (what lead auto-assignment is for); buyers all have an owner, some the colleague who left.
  if (stage !== 'potential' || chance(0.5)) values.owner = chance(0.08) ? 's04' : crmPick(['s01', 's02', 's03']);
  // One point per yuan of paid spend; the tier follows the points thresholds.
  values.points = Math.floor(cents(paid.spend));
  values.tier = tierOf(values.points);
  const tags = [];
  if (paid.spend >= 5000) tags.push('highValue');
  if (stage === 'silent' && chance(0.3)) tags.push('needsCare');
  if (String(values.notes ?? '').includes('企业')) tags.push('corporate');
  if (String(values.notes ?? '').includes('大促') || chance(0.06)) tags.push('promo');
  if (chance(0.08)) tags.push('birthday');
  if (tags.length > 0) values.tags = tags;
}

orders.sort((a, b) => a.day - b.day || a.customer.localeCompare(b.customer));
const perDay = new Map();
const orderRecords = orders.map((o, i) => {
  const seq = (perDay.get(o.day) ?? 0) + 1;
  perDay.set(o.day, seq);
  return {
    id: `o${String(i + 1).padStart(4, '0')}`,
    values: {
      orderNo: `SO${iso(o.day).replaceAll('-', '')}${String(seq).padStart(3, '0')}`,
      customer: o.customer,
      orderDate: iso(o.day),
      amount: o.amount,
      paymentStatus: o.status,
      channel: o.channel,
    },
  };
});

if (customers.length < 220 || orderRecords.length < 1600) {
  throw new Error(`Too little sample data: ${customers.length} customers, ${orderRecords.length} orders`);
}

// A few follow-ups and messages staff made by hand, so both tables open with something in
// them; the rules add theirs (with 来源规则 / 规则 filled in) as customers move.
const nameOf = (customer) => customer.values.name;
const taskRecords = customers
  .filter((c) => stageById.get(c.id) === 'silent' && c.values.owner)
  .slice(0, 6)
  .map((c, i) => ({
    id: `t${String(i + 1).padStart(3, '0')}`,
    values: {
      title: `电话回访：${nameOf(c)}`,
      customer: c.id,
      owner: c.values.owner,
      due: iso(REFERENCE_DAY + 1 + i),
      status: ['todo', 'doing', 'done'][i % 3],
      notes: i % 3 === 2 ? '已回访，客户表示下月复购' : null,
    },
  }))
  .map((task) => ({ id: task.id, values: Object.fromEntries(Object.entries(task.values).filter(([, value]) => value !== null)) }));
const messageRecords = customers
  .filter((c) => stageById.get(c.id) === 'new')
  .slice(0, 6)
  .map((c, i) => ({
    id: `m${String(i + 1).padStart(3, '0')}`,
    values: {
      content: `${nameOf(c)}，欢迎加入！关注公众号领取新人礼包。`,
      customer: c.id,
      channel: ['wechat', 'sms', 'email'][i % 3],
      sentAt: `${iso(REFERENCE_DAY - 6 + i)}T02:00:00.000Z`,
    },
  }));

// ---------------------------------------------------------------------------------------
// Definition

const choice = ([id, zh, en, color]) => ({ id, name: zh, labels: { 'zh-CN': zh, en }, color });
const labels = (zh, en) => ({ 'zh-CN': zh, en });
const CITY_COLORS = ['#0ea5e9', '#6366f1', '#14b8a6', '#f97316', '#84cc16', '#ec4899', '#a855f7'];

const customerFields = [
  { id: 'name', name: '客户名称', type: 'text', labels: labels('客户名称', 'Customer name'), required: true, options: { maxLength: 60 } },
  { id: 'mobile', name: '手机', type: 'phone', labels: labels('手机', 'Mobile') },
  { id: 'email', name: '邮箱', type: 'email', labels: labels('邮箱', 'Email') },
  {
    id: 'city',
    name: '城市',
    type: 'select',
    labels: labels('城市', 'City'),
    options: { choices: CITIES.map(([id, zh, en], i) => choice([id, zh, en, CITY_COLORS[i % CITY_COLORS.length]])) },
  },
  { id: 'source', name: '客户来源', type: 'select', labels: labels('客户来源', 'Source'), options: { choices: SOURCES.map(choice) } },
  { id: 'registeredOn', name: '注册日期', type: 'date', labels: labels('注册日期', 'Registered on') },
  {
    id: 'acquisitionCost',
    name: '获客成本',
    type: 'money',
    labels: labels('获客成本', 'Acquisition cost'),
    description: '获取该客户花费的营销费用 / Marketing spend to acquire this customer',
    options: { precision: 2, currency: 'CNY', min: 0 },
  },
  { id: 'grossMargin', name: '毛利率', type: 'percent', labels: labels('毛利率', 'Gross margin'), options: { precision: 0, min: 0, max: 1 } },
  {
    id: 'retentionRate',
    name: '客户保持率',
    type: 'percent',
    labels: labels('客户保持率', 'Retention rate'),
    description: '预计下一年仍会购买的概率 / Estimated chance the customer keeps buying next year',
    options: { precision: 0, min: 0, max: 1 },
  },
  { id: 'notes', name: '备注', type: 'textarea', labels: labels('备注', 'Notes') },
  {
    id: 'orders',
    name: '订单',
    type: 'relation',
    labels: labels('订单', 'Orders'),
    options: { table: 'orders', inverseOf: 'customer', multiple: true },
  },
  {
    id: 'orderCount',
    name: '订单数',
    type: 'formula',
    labels: labels('订单数', 'Orders'),
    // Paid orders only: pending and refunded orders are not purchases (DOMAIN.md: historic value = paid orders).
    options: { formula: 'COUNTIF({订单.支付状态}, "已支付")', resultType: 'number', precision: 0 },
  },
  {
    id: 'totalSpend',
    name: '累计消费',
    type: 'formula',
    labels: labels('累计消费', 'Total spend'),
    options: { formula: 'SUMIF({订单.支付状态}, "已支付", {订单.金额})', resultType: 'money', precision: 2 },
  },
  {
    id: 'avgOrderValue',
    name: '平均客单价',
    type: 'formula',
    labels: labels('平均客单价', 'Average order value'),
    description: '无订单时为 0（避免 #DIV/0!） / 0 when there are no orders (avoids #DIV/0!)',
    options: { formula: 'IF({订单数}=0, 0, AVERAGEIF({订单.支付状态}, "已支付", {订单.金额}))', resultType: 'money', precision: 2 },
  },
  {
    id: 'firstOrderDate',
    name: '首次下单日期',
    type: 'formula',
    labels: labels('首次下单日期', 'First order date'),
    options: { formula: 'IF(COUNT({订单.下单日期})=0, "", MIN({订单.下单日期}))', resultType: 'date' },
  },
  {
    id: 'lastOrderDate',
    name: '最近下单日期',
    type: 'formula',
    labels: labels('最近下单日期', 'Last order date'),
    options: { formula: 'IF(COUNT({订单.下单日期})=0, "", MAX({订单.下单日期}))', resultType: 'date' },
  },
  {
    id: 'daysSinceLastOrder',
    name: '距上次下单天数',
    type: 'formula',
    labels: labels('距上次下单天数', 'Days since last order'),
    options: { formula: 'IF(COUNT({订单.下单日期})=0, "", DAYS(TODAY(), MAX({订单.下单日期})))', resultType: 'number', precision: 0 },
  },
  {
    id: 'relationshipYears',
    name: '关系时长',
    type: 'formula',
    labels: labels('关系时长（年）', 'Relationship length (years)'),
    description: '自首次下单至今的年数 / Years from the first order to today',
    options: { formula: 'IF(COUNT({订单.下单日期})=0, 0, DAYS(TODAY(), MIN({订单.下单日期})) / 365)', resultType: 'number', precision: 2 },
  },
  {
    id: 'purchaseFrequency',
    name: '购买频次',
    type: 'formula',
    labels: labels('购买频次（次/年）', 'Purchase frequency (orders/year)'),
    description:
      '订单数 ÷ 关系时长；不足一年按一年计，避免新客户被年化放大 / Orders ÷ relationship length; less than a year counts as one year, so new customers are not annualised upwards',
    options: { formula: 'IF({关系时长} < 1, {订单数}, {订单数} / {关系时长})', resultType: 'number', precision: 2 },
  },
  {
    id: 'ltv',
    name: 'LTV',
    type: 'formula',
    labels: labels('客户终身价值 (LTV)', 'Lifetime value (LTV)'),
    description: '购买频次 × 平均客单价 × 客户保持率 / Purchase frequency × average order value × retention rate',
    options: { formula: '{平均客单价} * {购买频次} * {客户保持率}', resultType: 'money', precision: 2 },
  },
];

// Lifecycle, ownership and membership (issue 11). Appended, so existing column positions stay.
const STAGES = [
  ['potential', '潜在客户', 'Potential', '#94a3b8'],
  ['new', '新客户', 'New', '#3b82f6'],
  ['active', '活跃客户', 'Active', '#10b981'],
  ['silent', '沉默客户', 'Silent', '#f59e0b'],
  ['churned', '流失客户', 'Churned', '#ef4444'],
];
const TAGS = [
  ['highValue', '高价值', 'High value', '#8b5cf6'],
  ['needsCare', '需关怀', 'Needs care', '#ec4899'],
  ['silentAlert', '沉默预警', 'Gone-quiet alert', '#f59e0b'],
  ['corporate', '企业客户', 'Corporate', '#0ea5e9'],
  ['promo', '大促敏感', 'Promotion-driven', '#ef4444'],
  ['birthday', '生日月', 'Birthday month', '#14b8a6'],
];
const TIERS = [
  ['regular', '普通', 'Regular', '#94a3b8'],
  ['silver', '银卡', 'Silver', '#64748b'],
  ['gold', '金卡', 'Gold', '#eab308'],
  ['platinum', '白金', 'Platinum', '#6366f1'],
];
customerFields.push(
  {
    id: 'stage',
    name: '生命周期阶段',
    type: 'stage',
    labels: labels('生命周期阶段', 'Lifecycle stage'),
    description: '由已支付订单计算：超过 60 天未下单为沉默，超过 180 天为流失 / From paid orders: silent after 60 days without an order, churned after 180',
    options: {
      source: 'orders',
      dateField: 'orderDate',
      // The condition builder's form of "支付状态 is any of 已支付" (docs/conditions.md), over an order's fields by id.
      countWhen: { in: [{ var: 'paymentStatus' }, ['paid']] },
      silentAfterDays: STAGE_THRESHOLDS.silentAfterDays,
      churnedAfterDays: STAGE_THRESHOLDS.churnedAfterDays,
      activeMinOrders: STAGE_THRESHOLDS.activeMinOrders,
    },
  },
  { id: 'owner', name: '负责人', type: 'relation', labels: labels('负责人', 'Owner'), options: { table: 'staff', multiple: false } },
  { id: 'tags', name: '标签', type: 'multiselect', labels: labels('标签', 'Tags'), options: { choices: TAGS.map(choice) } },
  { id: 'points', name: '积分', type: 'number', labels: labels('积分', 'Points'), description: '每消费 1 元积 1 分 / One point per yuan spent', options: { precision: 0, min: 0 } },
  { id: 'tier', name: '会员等级', type: 'select', labels: labels('会员等级', 'Membership tier'), options: { choices: TIERS.map(choice) } },
  { id: 'tasks', name: '跟进任务', type: 'relation', labels: labels('跟进任务', 'Follow-up tasks'), options: { table: 'tasks', inverseOf: 'customer', multiple: true } },
  { id: 'messages', name: '消息记录', type: 'relation', labels: labels('消息记录', 'Messages'), options: { table: 'messages', inverseOf: 'customer', multiple: true } },
  // Written by the day-15 rule's A/B split, so the table groups and compares customers by coupon.
  {
    id: 'couponVariant',
    name: '优惠券变体',
    type: 'select',
    labels: labels('优惠券变体', 'Coupon variant'),
    options: { choices: [['A', 'A · 满 100 减 20', 'A · ¥20 off ¥100', '#2563eb'], ['B', 'B · 全场 9 折', 'B · 10% off', '#db2777']].map(choice) },
  },
);

// Predictions and RFM (docs/predictive-clv.md "Fields"): from paid orders, like the stage. The
// model is fitted in the browser from all customers' orders when the app opens (the fit is not
// sample data); until then, or with too little data, the cells say why they hold no number.
const PAID_ORDERS = { source: 'orders', dateField: 'orderDate', amountField: 'amount', countWhen: { in: [{ var: 'paymentStatus' }, ['paid']] } };
customerFields.push(
  {
    id: 'predictedOrders90',
    name: '未来 90 天预计订单',
    type: 'prediction',
    labels: labels('未来 90 天预计订单', 'Expected orders, next 90 days'),
    options: { ...PAID_ORDERS, predict: 'purchases', horizonDays: 90 },
  },
  {
    id: 'churnRisk',
    name: '流失风险',
    type: 'prediction',
    labels: labels('流失风险', 'Churn risk'),
    description: '仍是活跃客户的概率：低于 30% 为高风险，70% 以上为低风险 / Probability still active: below 30% high risk, from 70% low risk',
    options: { ...PAID_ORDERS, predict: 'alive', churnHighBelow: 0.3, churnLowFrom: 0.7 },
  },
  {
    id: 'predictedClv12',
    name: '预测 CLV（12 个月）',
    type: 'prediction',
    labels: labels('预测 CLV（12 个月）', 'Predicted CLV (12 months)'),
    options: { ...PAID_ORDERS, predict: 'clv', horizonMonths: 12, discountRatePerMonth: 0.01, margin: 1 },
  },
  {
    id: 'rfmSegment',
    name: 'RFM 分层',
    type: 'rfm',
    labels: labels('RFM 分层', 'RFM segment'),
    description: '按最近购买、购买频次、消费金额的五分位评分分为八类 / Eight segments from quintile scores of recency, frequency and spend',
    options: { ...PAID_ORDERS, rfmOutput: 'segment' },
  },
);

const staffFields = [
  { id: 'name', name: '姓名', type: 'text', labels: labels('姓名', 'Name'), required: true },
  { id: 'phone', name: '电话', type: 'phone', labels: labels('电话', 'Phone') },
  { id: 'email', name: '邮箱', type: 'email', labels: labels('邮箱', 'Email') },
  { id: 'active', name: '在职', type: 'checkbox', labels: labels('在职', 'Active') },
  { id: 'customers', name: '负责客户', type: 'relation', labels: labels('负责客户', 'Customers'), options: { table: 'customers', inverseOf: 'owner', multiple: true } },
  { id: 'tasks', name: '跟进任务', type: 'relation', labels: labels('跟进任务', 'Follow-up tasks'), options: { table: 'tasks', inverseOf: 'owner', multiple: true } },
];

const TASK_STATUS = [
  ['todo', '待处理', 'To do', '#f59e0b'],
  ['doing', '进行中', 'In progress', '#3b82f6'],
  ['done', '已完成', 'Done', '#10b981'],
];
const taskFields = [
  { id: 'title', name: '标题', type: 'text', labels: labels('标题', 'Title'), required: true },
  { id: 'customer', name: '客户', type: 'relation', labels: labels('客户', 'Customer'), options: { table: 'customers', multiple: false } },
  { id: 'owner', name: '负责人', type: 'relation', labels: labels('负责人', 'Owner'), options: { table: 'staff', multiple: false } },
  { id: 'due', name: '截止日期', type: 'date', labels: labels('截止日期', 'Due date') },
  { id: 'status', name: '状态', type: 'select', labels: labels('状态', 'Status'), options: { choices: TASK_STATUS.map(choice) } },
  { id: 'createdByRule', name: '来源规则', type: 'text', labels: labels('来源规则', 'Created by rule') },
  { id: 'notes', name: '备注', type: 'textarea', labels: labels('备注', 'Notes') },
];

const MESSAGE_CHANNELS = [
  ['sms', '短信', 'SMS', '#0ea5e9'],
  ['wechat', '微信', 'WeChat', '#22c55e'],
  ['email', '邮件', 'Email', '#6366f1'],
];
const messageFields = [
  { id: 'content', name: '内容', type: 'textarea', labels: labels('内容', 'Content'), required: true },
  { id: 'customer', name: '客户', type: 'relation', labels: labels('客户', 'Customer'), options: { table: 'customers', multiple: false } },
  { id: 'channel', name: '渠道', type: 'select', labels: labels('渠道', 'Channel'), options: { choices: MESSAGE_CHANNELS.map(choice) } },
  { id: 'variant', name: '变体', type: 'text', labels: labels('变体', 'Variant') },
  { id: 'sentAt', name: '发送时间', type: 'datetime', labels: labels('发送时间', 'Sent at') },
  { id: 'rule', name: '规则', type: 'text', labels: labels('规则', 'Rule') },
];

const orderFields = [
  { id: 'orderNo', name: '订单号', type: 'text', labels: labels('订单号', 'Order no.'), required: true, unique: true },
  { id: 'customer', name: '客户', type: 'relation', labels: labels('客户', 'Customer'), required: true, options: { table: 'customers', multiple: false } },
  { id: 'orderDate', name: '下单日期', type: 'date', labels: labels('下单日期', 'Order date'), required: true },
  { id: 'amount', name: '金额', type: 'money', labels: labels('金额', 'Amount'), required: true, options: { precision: 2, currency: 'CNY', min: 0 } },
  { id: 'paymentStatus', name: '支付状态', type: 'select', labels: labels('支付状态', 'Payment status'), options: { choices: PAYMENT.map(choice) } },
  { id: 'channel', name: '渠道', type: 'select', labels: labels('渠道', 'Channel'), options: { choices: CHANNELS.map(choice) } },
];

// Saved views (docs/views.md): the questions a shop asks of its customers and orders first.
// Filters are the JSON Logic `<ltc-condition-builder>` produces (docs/conditions.md).
const v = (field) => ({ var: field });
const customerViews = [
  {
    id: 'highValue',
    name: '高价值客户',
    labels: labels('高价值客户', 'High-value customers'),
    columns: ['name', 'mobile', 'city', 'ltv', 'totalSpend', 'orderCount', 'lastOrderDate'].map((fieldId) => ({ fieldId }))
      .concat(['email', 'source', 'registeredOn', 'acquisitionCost', 'grossMargin', 'retentionRate', 'notes', 'orders', 'avgOrderValue', 'firstOrderDate', 'daysSinceLastOrder', 'relationshipYears', 'purchaseFrequency', 'stage', 'owner', 'tags', 'points', 'tier', 'tasks', 'messages'].map((fieldId) => ({ fieldId, hidden: true }))),
    frozen: 1,
    sort: [{ fieldId: 'ltv', direction: 'desc' }],
    filter: { and: [{ '!=': [v('orderCount'), null] }, { '>=': [v('orderCount'), 2] }] },
  },
  {
    id: 'goneQuiet',
    name: '沉默客户',
    labels: labels('沉默客户', 'Gone quiet'),
    columns: [{ fieldId: 'name' }, { fieldId: 'mobile' }, { fieldId: 'daysSinceLastOrder', width: 140 }, { fieldId: 'lastOrderDate' }, { fieldId: 'totalSpend' }],
    sort: [{ fieldId: 'daysSinceLastOrder', direction: 'desc' }],
    filter: { and: [{ '!=': [v('daysSinceLastOrder'), null] }, { '>': [v('daysSinceLastOrder'), 60] }] },
  },
  {
    id: 'bySource',
    name: '按来源',
    labels: labels('按来源', 'By source'),
    sort: [{ fieldId: 'totalSpend', direction: 'desc' }],
    group: { fieldId: 'source', sums: ['totalSpend', 'ltv'] },
  },
  {
    // Who to call: every customer by lifecycle stage, longest quiet first, with the owner and the open follow-ups.
    id: 'needsFollowUp',
    name: '需跟进',
    labels: labels('需跟进', 'Needs follow-up'),
    columns: ['name', 'stage', 'owner', 'mobile', 'daysSinceLastOrder', 'lastOrderDate', 'orderCount', 'tags', 'tasks'].map((fieldId) => ({ fieldId })),
    sort: [{ fieldId: 'daysSinceLastOrder', direction: 'desc' }],
    group: { fieldId: 'stage' },
  },
];
const taskViews = [
  {
    id: 'open',
    name: '未完成',
    labels: labels('未完成', 'Open'),
    sort: [{ fieldId: 'due', direction: 'asc' }],
    filter: { in: [v('status'), ['todo', 'doing']] },
  },
];
const messageViews = [
  { id: 'latest', name: '最近发送', labels: labels('最近发送', 'Latest'), sort: [{ fieldId: 'sentAt', direction: 'desc' }] },
];
const orderViews = [
  {
    id: 'byMonth',
    name: '按月',
    labels: labels('按月', 'By month'),
    sort: [{ fieldId: 'orderDate', direction: 'desc' }],
    group: { fieldId: 'orderDate', by: 'month', sums: ['amount'] },
  },
  {
    id: 'pending',
    name: '待支付',
    labels: labels('待支付', 'Pending payment'),
    sort: [{ fieldId: 'orderDate', direction: 'asc' }],
    filter: { in: [v('paymentStatus'), ['pending']] },
  },
];

// ---------------------------------------------------------------------------------------
// Rules (docs/rules.md). The first five are on: they act on the sample data as time passes.
// The last two are off, for the user to turn on after a dry run.

/** The condition builder's "field ≥ n" (docs/conditions.md). */
const atLeast = (fieldId, n) => ({ and: [{ '!=': [v(fieldId), null] }, { '>=': [v(fieldId), n] }] });
const now = { formula: 'NOW()' };
/** A 消息记录 row for the customer (`link`), written in the same transaction as the run's log entry. */
const logMessage = (ruleId, channel, content, extra = {}) => ({
  type: 'create-record',
  tableId: 'messages',
  link: 'customer',
  values: { content: { formula: content }, channel: { value: channel }, sentAt: now, rule: { value: ruleId }, ...extra },
});
/** `ltc-rule-fired` for the host page, which sends the SMS / WeChat message itself. */
const fire = (template, extra = {}) => ({ type: 'dispatch-event', payload: { template, customer: '{客户名称}', mobile: '{手机}', ...extra } });
// Messages are only worth sending near their day: missed ones older than 2 days are dropped,
// so a page that was closed for a week does not send a burst of stale reminders.
const MESSAGE_CATCH_UP = { missed: 'fire', maxLateDays: 2 };
const repurchase = (days, id, zh, en, actions, extra = {}) => ({
  id,
  name: zh,
  labels: labels(zh, en),
  enabled: true,
  tableId: 'customers',
  trigger: { type: 'date-relative', fieldId: 'lastOrderDate', offset: days, unit: 'days', at: '10:00' },
  condition: atLeast('orderCount', 1),
  actions,
  catchUp: MESSAGE_CATCH_UP,
  ...extra,
});

const rules = [
  {
    id: 'churnWarning',
    name: '沉默预警',
    labels: labels('沉默预警', 'Churn warning'),
    description: '活跃客户 60 天未下单转为沉默：给负责人建回访任务（3 天内），打上“沉默预警”标签 / An active customer goes quiet: a follow-up task due in 3 days and the gone-quiet tag',
    enabled: true,
    tableId: 'customers',
    trigger: { type: 'stage-changed', fieldId: 'stage', from: 'active', to: 'silent' },
    actions: [
      {
        type: 'create-record',
        tableId: 'tasks',
        link: 'customer',
        values: {
          title: { formula: '"沉默预警回访：" & {客户名称}' },
          due: { formula: 'TODAY() + 3' },
          // The customer's 负责人 (a relation) is copied onto the task as it is.
          owner: { formula: '{负责人}' },
          status: { value: 'todo' },
          createdByRule: { value: '沉默预警' },
        },
      },
      { type: 'add-tags', fieldId: 'tags', tags: ['silentAlert'] },
      fire('churn-warning'),
    ],
  },
  {
    id: 'careFrequentBuyer',
    name: '常客关怀',
    labels: labels('常客关怀', 'Care for frequent buyers'),
    description: '买过 5 次以上的活跃客户转为沉默：发一条关怀微信 / A customer with five or more paid orders goes quiet: a care message on WeChat',
    enabled: true,
    tableId: 'customers',
    trigger: { type: 'stage-changed', fieldId: 'stage', from: 'active', to: 'silent' },
    condition: atLeast('orderCount', 5),
    actions: [
      // No change to the customer here: the churn warning, triggered by the same move, tags them
      // (two rules updating one record on one event would make the second write stale).
      logMessage('careFrequentBuyer', 'wechat', '{客户名称} & "，好久不见！您常买的商品有新品到店，回复 1 领取老客专享礼。"'),
      fire('care'),
    ],
  },
  repurchase(3, 'repurchase3d', '复购提醒 · 第 3 天（储存提醒）', 'Repurchase day 3 (storage tips)', [
    logMessage('repurchase3d', 'sms', '{客户名称} & "，您好！收到商品了吗？开封后请密封冷藏，7 天内食用风味最佳。"'),
    fire('storage-tips'),
  ]),
  repurchase(7, 'repurchase7d', '复购提醒 · 第 7 天（食谱）', 'Repurchase day 7 (recipes)', [
    logMessage('repurchase7d', 'sms', '{客户名称} & "，本周为您准备了 3 道简单食谱，点击查看：shop.example.cn/recipes"'),
    fire('recipes'),
  ]),
  // A/B: which coupon brings customers back? Each customer gets one variant (stable), 50/50.
  repurchase(15, 'repurchase15d', '复购提醒 · 第 15 天（限时优惠券）', 'Repurchase day 15 (coupon)', [
    { ...logMessage('repurchase15d', 'sms', '{客户名称} & "，送您一张满 100 减 20 优惠券，3 天内有效。"', { variant: { value: 'A' } }), variant: 'A' },
    { ...logMessage('repurchase15d', 'sms', '{客户名称} & "，老客专享全场 9 折券，3 天内有效。"', { variant: { value: 'B' } }), variant: 'B' },
    { ...fire('coupon', { coupon: 'SAVE20' }), variant: 'A' },
    { ...fire('coupon', { coupon: 'OFF10' }), variant: 'B' },
  ], { variants: [{ id: 'A', weight: 50 }, { id: 'B', weight: 50 }], variantFieldId: 'couponVariant' }),
  {
    id: 'leadAutoAssign',
    name: '新线索自动分配',
    labels: labels('新线索自动分配', 'Lead auto-assignment'),
    description: '新建客户且没有负责人时，在员工中轮流分配 / A new customer without an owner gets one, in turn',
    enabled: false,
    tableId: 'customers',
    trigger: { type: 'record-created' },
    condition: { ltc_blank: [v('owner')] },
    // Only staff still employed (在职) are given new customers.
    actions: [{ type: 'assign-owner', fieldId: 'owner', strategy: 'round-robin', candidatesWhen: { '==': [v('active'), true] } }],
  },
  {
    id: 'tierUpgrade',
    name: '会员升级',
    labels: labels('会员升级', 'Tier upgrade'),
    description: '积分达到 1000 / 5000 / 20000 升为银卡 / 金卡 / 白金，只升不降 / 1,000 / 5,000 / 20,000 points make silver / gold / platinum; tiers only go up',
    enabled: false,
    tableId: 'customers',
    trigger: { type: 'record-updated', fieldId: 'points' },
    condition: atLeast('points', 1000),
    actions: [
      {
        type: 'set-field',
        fieldId: 'tier',
        formula:
          'IF(OR({积分} >= 20000, {会员等级} = "白金"), "白金", IF(OR({积分} >= 5000, {会员等级} = "金卡"), "金卡", "银卡"))',
      },
    ],
  },
];

const head = {
  format: 'ltc-template',
  formatVersion: 1,
  id: 'customer-ltv',
  name: '客户价值 (LTV)',
  labels: labels('客户价值 (LTV)', 'Customer LTV'),
  // Stages and rule times count calendar days in the shop's zone, not the visitor's browser's.
  timeZone: 'Asia/Shanghai',
  description: '客户与订单：由订单汇总出订单数、累计消费、平均客单价、购买频次、客户终身价值 (LTV) 与生命周期阶段；员工、跟进任务与消息记录，以及沉默预警、常客关怀和 3/7/15 天复购提醒规则。',
  descriptionLabels: labels(
    '客户与订单：由订单汇总出订单数、累计消费、平均客单价、购买频次、客户终身价值 (LTV) 与生命周期阶段；员工、跟进任务与消息记录，以及沉默预警、常客关怀和 3/7/15 天复购提醒规则。',
    'Customers and their orders: order count, total spend, average order value, purchase frequency, lifetime value (LTV) and lifecycle stage rolled up from the orders; staff, follow-up tasks and a message log, with churn-warning, frequent-buyer care and 3/7/15-day repurchase rules.',
  ),
};
// Line items (子表单) and the template's forms (docs/forms.md): a lead-capture form to publish on
// the shop's pages (its channel prefilled from the link's utm_source) and a new-order form whose
// lines feed the order amount. Orders imported without lines keep the amount they bring.
const orderLineFields = [
  { id: 'order', name: '订单', type: 'relation', labels: labels('订单', 'Order'), required: true, options: { table: 'orders', multiple: false } },
  { id: 'product', name: '商品', type: 'text', labels: labels('商品', 'Product'), required: true, options: { maxLength: 80 } },
  { id: 'quantity', name: '数量', type: 'number', labels: labels('数量', 'Quantity'), options: { precision: 0, min: 1, defaultValue: 1 } },
  { id: 'lineAmount', name: '小计', type: 'money', labels: labels('小计', 'Line amount'), required: true, options: { precision: 2, currency: 'CNY', min: 0 } },
];
orderFields.push({
  id: 'lines',
  name: '订单明细',
  type: 'subtable',
  labels: labels('订单明细', 'Order lines'),
  options: { table: 'orderLines', inverseOf: 'order', columns: ['product', 'quantity', 'lineAmount'], totalField: 'lineAmount', totalInto: 'amount' },
});
const text = (zh, en) => ({ text: zh, labels: labels(zh, en) });
const customerForms = [
  {
    id: 'lead-capture',
    name: '线索登记',
    labels: labels('线索登记', 'Lead capture'),
    description: text('留下联系方式，顾问将在一个工作日内联系您。', 'Leave your details and an adviser will contact you within one working day.'),
    items: [
      { id: 'h-contact', kind: 'heading', title: text('联系方式', 'Contact details') },
      { id: 'f-name', kind: 'field', fieldId: 'name', label: text('您的称呼', 'Your name') },
      { id: 'r-contact', kind: 'row', items: [
        { id: 'f-mobile', kind: 'field', fieldId: 'mobile', required: true },
        { id: 'f-email', kind: 'field', fieldId: 'email' },
      ] },
      { id: 'f-city', kind: 'field', fieldId: 'city' },
      { id: 'f-source', kind: 'field', fieldId: 'source', prefill: 'utm_source', help: text('从链接带入，可修改', 'Filled in from the link; you can change it') },
      { id: 'f-notes', kind: 'field', fieldId: 'notes', label: text('想了解什么？', 'What would you like to know?') },
      { id: 't-privacy', kind: 'text', text: text('提交即表示您同意我们为回访保存以上信息。', 'By submitting you agree that we keep these details to contact you.') },
    ],
    submitLabel: text('提交', 'Submit'),
    thankYou: { title: text('已收到，谢谢！', 'Thank you!'), message: text('顾问会尽快与您联系。', 'An adviser will be in touch soon.') },
  },
];
const orderForms = [
  {
    id: 'new-order',
    name: '新建订单',
    labels: labels('新建订单', 'New order'),
    items: [
      { id: 'r-head', kind: 'row', items: [
        { id: 'f-orderNo', kind: 'field', fieldId: 'orderNo' },
        { id: 'f-orderDate', kind: 'field', fieldId: 'orderDate' },
      ] },
      { id: 'f-customer', kind: 'field', fieldId: 'customer' },
      { id: 'f-lines', kind: 'field', fieldId: 'lines' },
      { id: 'f-amount', kind: 'field', fieldId: 'amount', help: text('有明细时按明细合计', 'The lines\' total when there are lines') },
      { id: 'r-status', kind: 'row', items: [
        { id: 'f-payment', kind: 'field', fieldId: 'paymentStatus', defaultValue: 'pending' },
        { id: 'f-channel', kind: 'field', fieldId: 'channel' },
      ] },
    ],
  },
];

const tables = [
  { id: 'customers', name: '客户', labels: labels('客户', 'Customers'), primaryFieldId: 'name', fields: customerFields, views: customerViews, forms: customerForms },
  { id: 'orders', name: '订单', labels: labels('订单', 'Orders'), primaryFieldId: 'orderNo', fields: orderFields, views: orderViews, forms: orderForms },
  { id: 'orderLines', name: '订单明细', labels: labels('订单明细', 'Order lines'), primaryFieldId: 'product', fields: orderLineFields, views: [] },
  { id: 'staff', name: '员工', labels: labels('员工', 'Staff'), primaryFieldId: 'name', fields: staffFields, views: [] },
  { id: 'tasks', name: '跟进任务', labels: labels('跟进任务', 'Follow-up tasks'), primaryFieldId: 'title', fields: taskFields, views: taskViews },
  { id: 'messages', name: '消息记录', labels: labels('消息记录', 'Message log'), primaryFieldId: 'content', fields: messageFields, views: messageViews },
];

// ---------------------------------------------------------------------------------------
// Dashboards (docs/dashboards.md): what a shop looks at first, computed from the records and
// their formula and stage values. Paid orders count, as for the stage and the rollups.

const paidOrder = { in: [{ var: 'paymentStatus' }, ['paid']] };
const dashboards = [
  {
    id: 'overview',
    name: '客户价值概览',
    labels: labels('客户价值概览', 'Customer value overview'),
    panels: [
      {
        id: 'customers',
        title: '客户数',
        labels: labels('客户数', 'Customers'),
        kind: 'metric',
        chart: 'number',
        tableId: 'customers',
        measure: { op: 'count' },
        compare: { dateFieldId: 'registeredOn', period: 'month', upTo: true },
      },
      { id: 'stageFunnel', title: '生命周期漏斗', labels: labels('生命周期漏斗', 'Lifecycle funnel'), kind: 'metric', chart: 'funnel', tableId: 'customers', measure: { op: 'count' }, group: { fieldId: 'stage' } },
      { id: 'ltvByChannel', title: '各来源平均 LTV', labels: labels('各来源平均 LTV', 'Average LTV by channel'), kind: 'metric', chart: 'bar', tableId: 'customers', measure: { op: 'avg', fieldId: 'ltv' }, group: { fieldId: 'source' } },
      { id: 'revenueByTier', title: '各等级收入', labels: labels('各等级收入', 'Revenue by tier'), kind: 'metric', chart: 'pie', tableId: 'customers', measure: { op: 'sum', fieldId: 'totalSpend' }, group: { fieldId: 'tier' } },
      { id: 'repurchase', title: '复购率', labels: labels('复购率（30 / 60 / 90 天）', 'Repurchase rate (30 / 60 / 90 days)'), kind: 'repurchase', span: 2, tableId: 'customers', ordersFieldId: 'orders', dateFieldId: 'orderDate', orderFilter: paidOrder },
      { id: 'ltvDistribution', title: 'LTV 分布', labels: labels('LTV 分布', 'LTV distribution'), kind: 'histogram', tableId: 'customers', fieldId: 'ltv', bins: 10 },
      { id: 'cohorts', title: '同期群留存', labels: labels('同期群留存（按首单月份）', 'Cohort retention (by first-order month)'), kind: 'cohort', span: 3, tableId: 'customers', ordersFieldId: 'orders', dateFieldId: 'orderDate', orderFilter: paidOrder, months: 12 },
      { id: 'predictedVsHistoric', title: '预测 CLV 与历史价值', labels: labels('预测 CLV 与历史价值（按来源）', 'Predicted CLV vs historic value (by source)'), kind: 'predicted', span: 2, tableId: 'customers', predictedFieldId: 'predictedClv12', historicFieldId: 'totalSpend', group: { fieldId: 'source' } },
    ],
  },
];

// ---------------------------------------------------------------------------------------
// Output: readable structure, one field / one record per line.

const j = (value) => JSON.stringify(value);
const lines = ['{'];
for (const [key, value] of Object.entries(head)) lines.push(`  ${j(key)}: ${j(value)},`);
lines.push('  "tables": [');
tables.forEach((table, ti) => {
  const { fields, views, ...rest } = table;
  lines.push('    {');
  for (const [key, value] of Object.entries(rest)) lines.push(`      ${j(key)}: ${j(value)},`);
  lines.push('      "fields": [');
  fields.forEach((field, fi) => lines.push(`        ${j(field)}${fi < fields.length - 1 ? ',' : ''}`));
  lines.push('      ],');
  if (views.length === 0) lines.push('      "views": []');
  else {
    lines.push('      "views": [');
    views.forEach((view, vi) => lines.push(`        ${j(view)}${vi < views.length - 1 ? ',' : ''}`));
    lines.push('      ]');
  }
  lines.push(`    }${ti < tables.length - 1 ? ',' : ''}`);
});
lines.push('  ],');
lines.push('  "rules": [');
rules.forEach((rule, ri) => lines.push(`    ${j(rule)}${ri < rules.length - 1 ? ',' : ''}`));
lines.push('  ],');
lines.push('  "dashboards": [');
dashboards.forEach((dashboard, di) => lines.push(`    ${j(dashboard)}${di < dashboards.length - 1 ? ',' : ''}`));
lines.push('  ],');
lines.push('  "sampleData": {');
const groups = [['customers', customers], ['orders', orderRecords], ['staff', staffRecords], ['tasks', taskRecords], ['messages', messageRecords]];
groups.forEach(([tableId, records], gi) => {
  lines.push(`    ${j(tableId)}: [`);
  records.forEach((record, ri) => lines.push(`      ${j(record)}${ri < records.length - 1 ? ',' : ''}`));
  lines.push(`    ]${gi < groups.length - 1 ? ',' : ''}`);
});
lines.push('  }');
lines.push('}');
writeFileSync(OUT, `${lines.join('\n')}\n`);
console.log(`customer-ltv.json: ${customers.length} customers, ${orderRecords.length} orders, ${staffRecords.length} staff, ${taskRecords.length} tasks, ${messageRecords.length} messages, ${rules.length} rules, ${dashboards.length} dashboard`);
