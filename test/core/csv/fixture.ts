/** A customer table with one field of every built-in type, for the CSV tests. */
import type { TableDef } from '../../../src/core/schema/types.js';

export const customers: TableDef = {
  id: 'customers',
  name: '客户',
  primaryFieldId: 'name',
  fields: [
    { id: 'name', name: '姓名', type: 'text', labels: { 'zh-CN': '姓名', en: 'Name' } },
    { id: 'notes', name: '备注', type: 'textarea', labels: { 'zh-CN': '备注', en: 'Notes' } },
    { id: 'orders', name: '订单数', type: 'number', labels: { 'zh-CN': '订单数', en: 'Orders' } },
    { id: 'spent', name: '消费金额', type: 'money', labels: { 'zh-CN': '消费金额', en: 'Spent' } },
    { id: 'discount', name: '折扣', type: 'percent', labels: { 'zh-CN': '折扣', en: 'Discount' } },
    { id: 'joined', name: '注册日期', type: 'date', labels: { 'zh-CN': '注册日期', en: 'Joined' } },
    { id: 'seen', name: '最近访问', type: 'datetime', labels: { 'zh-CN': '最近访问', en: 'Last seen' } },
    {
      id: 'level',
      name: '等级',
      type: 'select',
      labels: { 'zh-CN': '等级', en: 'Level' },
      options: {
        choices: [
          { id: 'gold', name: '黄金', labels: { 'zh-CN': '黄金', en: 'Gold' } },
          { id: 'silver', name: '白银', labels: { 'zh-CN': '白银', en: 'Silver' } },
          { id: 'bronze', name: '青铜', labels: { 'zh-CN': '青铜', en: 'Bronze' } },
        ],
      },
    },
    {
      id: 'tags',
      name: '标签',
      type: 'multiselect',
      labels: { 'zh-CN': '标签', en: 'Tags' },
      options: {
        choices: [
          { id: 'vip', name: '大客户', labels: { 'zh-CN': '大客户', en: 'VIP' } },
          { id: 'wholesale', name: '批发', labels: { 'zh-CN': '批发', en: 'Wholesale' } },
          { id: 'online', name: '线上', labels: { 'zh-CN': '线上', en: 'Online' } },
          { id: 'odd', name: '=SUM(A1)', labels: { 'zh-CN': '=SUM(A1)', en: '-minus' } },
        ],
      },
    },
    { id: 'subscribed', name: '订阅', type: 'checkbox', labels: { 'zh-CN': '订阅', en: 'Subscribed' } },
    { id: 'phone', name: '手机', type: 'phone', labels: { 'zh-CN': '手机', en: 'Phone' } },
    { id: 'email', name: '邮箱', type: 'email', labels: { 'zh-CN': '邮箱', en: 'Email' } },
    { id: 'referrer', name: '推荐人', type: 'relation', labels: { 'zh-CN': '推荐人', en: 'Referrer' }, options: { table: 'customers' } },
    { id: 'friends', name: '好友', type: 'relation', labels: { 'zh-CN': '好友', en: 'Friends' }, options: { table: 'customers', multiple: true } },
    { id: 'ltv', name: '生命周期价值', type: 'formula', labels: { 'zh-CN': '生命周期价值', en: 'LTV' }, options: { formula: '{消费金额} * 2', resultType: 'money' } },
    { id: 'buyers', name: '买家', type: 'relation', labels: { 'zh-CN': '买家', en: 'Buyers' }, options: { table: 'orders', inverseOf: 'customer' } },
  ],
};

/** A table with a required field, for the required checks. */
export const orders: TableDef = {
  id: 'orders',
  name: '订单',
  primaryFieldId: 'no',
  fields: [
    { id: 'no', name: '订单号', type: 'text', required: true, labels: { 'zh-CN': '订单号', en: 'Order no.' } },
    { id: 'amount', name: '金额', type: 'money', labels: { 'zh-CN': '金额', en: 'Amount' } },
    { id: 'customer', name: '客户', type: 'relation', labels: { 'zh-CN': '客户', en: 'Customer' }, options: { table: 'customers' } },
  ],
};
