import { describe, expect, test } from 'vitest';
import { formatFlatIssue, rowToSnapshot, tableToSnapshots, columnRoles, columnReport, isResultColumn } from '../../src/flat/index.js';

const snap = (headers: string[], row: unknown[], options?: Parameters<typeof rowToSnapshot>[2]) => {
  const r = rowToSnapshot(headers, row, options);
  if (!r.ok) throw new Error(r.issues.map(formatFlatIssue).join('; '));
  return r.snapshot;
};
const issues = (headers: string[], row: unknown[], options?: Parameters<typeof rowToSnapshot>[2]) => {
  const r = rowToSnapshot(headers, row, options);
  if (r.ok) throw new Error(`expected issues, got ${JSON.stringify(r.snapshot)}`);
  return r.issues;
};

describe('rowToSnapshot', () => {
  test('item ids are answers, dotted paths are facts, blank cells are unknown', () => {
    expect(
      snap(
        ['id', 's1.1', 'man.money', 'amount', 'need.deadline', 'funding.budgetInPlace', 'customer.segment', 'productLines', 'need.problems', 's2.2'],
        ['D-1', '✓', '否', '1,200,000', '2026-12-31', '是', '政府', 'AC、SSL', 'audit; branch links', ''],
      ),
    ).toEqual({
      id: 'D-1',
      answers: { 's1.1': 'C', 'man.money': 'W' },
      amount: 1200000,
      need: { deadline: '2026-12-31', problems: ['audit', 'branch links'] },
      funding: { budgetInPlace: true },
      customer: { segment: 'government' },
      productLines: ['AC', 'SSL'],
    });
  });

  test('id, item ids and dotted fact paths match case-insensitively and may be padded; one-word facts only as documented', () => {
    expect(snap([' ID ', 'S1.1', 'amount', 'FUNDING.BUDGETINPLACE'], ['D-1', 'c', 5, 'yes'])).toEqual({
      id: 'D-1',
      answers: { 's1.1': 'C' },
      amount: 5,
      funding: { budgetInPlace: true },
    });
    // A CRM's "Competitors" or "Source" column is its own until a mapping says it is the fact.
    expect(snap(['id', 'Competitors', 'Source', 'Amount'], ['D-1', 'No', 'Referral', '5'])).toEqual({
      id: 'D-1',
      custom: { competitors: 'No', source: 'Referral', amount: 5 },
    });
    expect(snap(['id', 'Competitors'], ['D-1', 'Huawei|primary'], { mapping: { Competitors: 'competitors' } })).toEqual({ id: 'D-1', competitors: [{ name: 'Huawei', primary: true }] });
  });

  test('a mapping renames CRM headers; "-" ignores a column', () => {
    const mapping = { 商机编号: 'id', 预签金额: 'amount', 预计签约日期: 'need.deadline', 需求清楚: 's1.1', 负责人: '-' };
    expect(snap(['商机编号', '预签金额', '预计签约日期', '需求清楚', '负责人'], ['SZ-7', '120万', 46387, '清楚', '小王'], { mapping })).toEqual({
      id: 'SZ-7',
      amount: 1200000,
      need: { deadline: '2026-12-31' },
      answers: { 's1.1': 'C' },
    });
  });

  test('a column nothing maps is kept under custom (noted once per table); misspelt fact paths and item ids are issues', () => {
    expect(snap(['id', 'Deal Owner', 'Account.Name'], ['D-1', 'x', 'Acme'])).toEqual({ id: 'D-1', custom: { deal_owner: 'x', account_name: 'Acme' } });
    expect(columnReport(['id', 'Deal Owner', 'amount'])).toEqual({
      issues: [],
      notes: [{ path: '$.custom.deal_owner', column: 'Deal Owner', message: 'column "Deal Owner" is not mapped: kept as custom.deal_owner' }],
    });
    expect(issues(['id', 'need.dedline', 's1.99'], ['D-1', 'y', 'C'])).toEqual([
      { path: '$', column: 'need.dedline', message: expect.stringMatching(/^column "need.dedline": not a fact path; the need facts are need.problems, need.deadline,/) },
      { path: '$', column: 's1.99', message: expect.stringMatching(/^column "s1.99": not an item id of the evaluated packs/) },
    ]);
    expect(issues(['id', 'Owner'], ['D-1', 'x'], { mapping: { Owner: 'owner.name' } })[0]!.message).toMatch(/^column "Owner" is mapped to "owner.name", which is not an item id/);
    expect(snap(['id', 'custom.region', 'custom.score.tech', 'custom.flag'], ['D-1', '华东', '7', 'true'])).toEqual({
      id: 'D-1',
      custom: { region: '华东', score: { tech: 7 }, flag: true },
    });
  });

  test('items: answers for the items of a user pack; answers.<id> always', () => {
    expect(snap(['id', 'acme.fit'], ['D-1', 'C'], { items: ['acme.fit'] })).toEqual({ id: 'D-1', answers: { 'acme.fit': 'C' } });
    expect(snap(['id', 'answers.acme.fit'], ['D-1', 'F'])).toEqual({ id: 'D-1', answers: { 'acme.fit': 'F' } });
    expect(issues(['id', 's1.1'], ['D-1', 'C'], { items: ['acme.fit'] })[0]!.column).toBe('s1.1');
  });

  test('cell errors name the path, the column and what was expected', () => {
    const [issue] = issues(['id', '交付日期'], ['D-1', 'soon'], { mapping: { 交付日期: 'need.deadline' } });
    expect(issue).toEqual({ path: '$.need.deadline', column: '交付日期', message: expect.stringMatching(/^expected a date: ISO yyyy-MM-dd.*got "soon"$/) });
    expect(formatFlatIssue(issue!)).toMatch(/^\$\.need\.deadline \(column "交付日期"\): expected a date/);
    const [plain] = issues(['id', 'need.deadline'], ['D-1', 'soon']);
    expect(formatFlatIssue(plain!)).toMatch(/^\$\.need\.deadline: expected a date/);
    const [rating] = issues(['id', 's1.1'], ['D-1', 'perhaps']);
    expect(formatFlatIssue(rating!)).toMatch(/^\$\["answers"\]|^\$\.answers\["s1\.1"\]: expected a rating/);
    expect(issues(['id', 'customer.segment'], ['D-1', 'SME'])[0]!.message).toMatch(/^expected one of enterprise, 企业/);
  });

  test('what the cell readers let through, the schema still checks, mapped to the column', () => {
    const [issue] = issues(['id', '金额'], ['D-1', '-5'], { mapping: { 金额: 'amount' } });
    expect(issue).toMatchObject({ path: '$.amount', column: '金额' });
    expect(issues(['id', 'currency'], ['D-1', 'yuan'])[0]).toMatchObject({ path: '$.currency', column: 'currency' });
  });

  test('the id: required when the column exists, the row number when it does not', () => {
    expect(issues(['id', 's1.1'], ['', 'C'])).toEqual([{ path: '$.id', column: 'id', message: 'the deal id is blank; every row needs one' }]);
    expect(snap(['s1.1'], ['C'], { rowNumber: 7 })).toEqual({ id: 'row 7', answers: { 's1.1': 'C' } });
    expect(rowToSnapshot(['id', 'amount'], ['D-9', 'lots'])).toMatchObject({ ok: false, id: 'D-9' });
  });

  test('duplicate targets, values under blank headers and ragged rows', () => {
    expect(issues(['id', 'amount', 'Amount'], ['D-1', 1, 2], { mapping: { Amount: 'amount' } })[0]!.message).toBe('columns "amount" and "Amount" both give $.amount');
    // A field inside another column's field: an issue naming both columns, whichever comes first.
    const overlap = 'columns "custom.a" and "custom.a.b" overlap: $.custom.a.b is inside $.custom.a, so one would overwrite the other';
    expect(issues(['id', 'custom.a', 'custom.a.b'], ['A', '1', '2'])).toEqual([{ path: '$.custom.a.b', column: 'custom.a.b', message: overlap }]);
    expect(issues(['id', 'custom.a.b', 'custom.a'], ['A', '2', '1'])).toEqual([{ path: '$.custom.a', column: 'custom.a', message: 'columns "custom.a.b" and "custom.a" overlap: $.custom.a.b is inside $.custom.a, so one would overwrite the other' }]);
    expect(issues(['id', 'Region', 'R2'], ['A', 'x', 'y'], { mapping: { R2: 'custom.region.code' } })[0]!.message).toMatch(/^columns "Region" and "R2" overlap/);
    expect(columnReport(['id', 'custom.a', 'custom.a.b']).issues).toHaveLength(1);
    expect(snap(['id', 'custom.a', 'custom.ab', 'custom.A.b'], ['A', '1', '2', '3'])).toEqual({ id: 'A', custom: { a: 1, ab: 2, A: { b: 3 } } });
    expect(issues(['id', '', 's1.1'], ['D-1', 'stray', 'C'], { rowNumber: 4 })[0]!.message).toBe('cell B4 holds "stray" but its column has no header');
    expect(snap(['id', '', 's1.1'], ['D-1', '', 'C'])).toEqual({ id: 'D-1', answers: { 's1.1': 'C' } });
    expect(snap(['id', 's1.1', 's1.2', 'amount'], ['D-1', 'C'])).toEqual({ id: 'D-1', answers: { 's1.1': 'C' } });
    expect(issues(['id'], ['D-1', 'extra'], { rowNumber: 3 })[0]!.message).toBe('cell B3 holds "extra" but its column has no header');
  });

  test('a result-named column the mapping reads is input; a later header of that name is the result column', () => {
    const headers = ['ID', 'Stage', 'Probability', 'stage', 'milestone', 'probability', 'man', 'missing'];
    const mapping = { preset: 'odoo' } as const;
    expect(snap(headers, ['L-1', 'Proposition', '60', 3, 'project', 0.4, 'M-a-N', 's2.2★'], { mapping })).toEqual({ id: 'L-1', claimedStep: 5, custom: { crm_probability: 60 } });
    expect(columnReport(headers, { mapping }).issues).toEqual([]);
    expect(headers.map((_, i) => isResultColumn(headers, i, mapping))).toEqual([false, false, false, true, true, true, true, true]);
    expect(headers.map((_, i) => isResultColumn(headers, i))).toEqual([false, true, true, true, true, true, true, true]);
  });

  test('result columns of a scored file are ignored on input', () => {
    expect(snap(['id', 'stage', 'milestone', 'probability', 'man', 'missing'], ['D-1', 3, 'opportunity', 0.4, 'M-a-N', 's2.2★'])).toEqual({ id: 'D-1' });
  });
});

describe('compact encodings', () => {
  test('stakeholders: name(title) then vocabulary words in any order, flags and key=value', () => {
    const s = snap(['id', 'stakeholders'], [
      'D-1',
      '张总(信息中心主任)|拍板者|保守者|较多接触|支持者|coach; 李工|评估者|实用主义者|深交|导师|教练|透露信息|派系=技术派；Dana Wu|final-say|some|neutral|backs-competitor|endorses-tech=no',
    ]);
    expect(s.stakeholders).toEqual([
      { name: '张总', title: '信息中心主任', role: 'final-say', personality: 'conservative', contact: 'frequent', stance: 'supporter', coach: true },
      { name: '李工', role: 'evaluator', personality: 'pragmatist', contact: 'close', stance: 'mentor', coach: true, sharesInfo: true, faction: '技术派' },
      { name: 'Dana Wu', role: 'final-say', contact: 'some', stance: 'neutral', backsCompetitor: true, endorsesTech: false },
    ]);
  });

  test('stakeholder errors name the person and the word', () => {
    expect(issues(['id', 'stakeholders'], ['D-1', '张总|拍版者'])[0]).toEqual({
      path: '$.stakeholders',
      column: 'stakeholders',
      message: expect.stringMatching(/^stakeholder "张总": "拍版者" is not a role word, a personality word, a contact word, a stance word, a flag \(coach, /),
    });
    expect(issues(['id', 'stakeholders'], ['D-1', '张总|拍板者|决策者'])[0]!.message).toBe('stakeholder "张总": role is given twice');
    expect(issues(['id', 'stakeholders'], ['D-1', '|拍板者'])[0]!.message).toMatch(/^stakeholder "\|拍板者": the first part \(name\) is empty/);
  });

  test('competitors, channels, evidence', () => {
    const s = snap(['id', 'competitors', 'channels', 'evidence'], [
      'D-1',
      '华为|主要|渠道=浙江星网|支持者=王处/赵工; 新华三|supporters=none',
      '星网|我方|高层信任|配合我方; NetPro|competitor',
      's2.2|2026-10-15|#1|财政已下达资金; s5.4|2026/10/20|against|信号 2',
    ]);
    expect(s.competitors).toEqual([
      { name: '华为', primary: true, channel: '浙江星网', supporters: ['王处', '赵工'] },
      { name: '新华三', supporters: [] },
    ]);
    expect(s.channels).toEqual([
      { name: '星网', relation: 'ours', trustedByTop: true, worksWithUs: true },
      { name: 'NetPro', relation: 'competitor' },
    ]);
    expect(s.evidence).toEqual([
      { item: 's2.2', date: '2026-10-15', signal: 1, note: '财政已下达资金' },
      { item: 's5.4', date: '2026-10-20', against: true, signal: 2 },
    ]);
    expect(issues(['id', 'evidence'], ['D-1', 's2.2|2026-10-15|note one|note two'])[0]!.message).toMatch(/^evidence "s2.2": "note two" is not/);
    expect(issues(['id', 'evidence'], ['D-1', 's2.2|#1'])[0]).toMatchObject({ path: '$.evidence[0].date', column: 'evidence' });
  });

  test('products, budget breakdown, visits, concerns, barriers', () => {
    const s = snap(['id', 'need.products', 'funding.breakdown', 'technical.visits', 'technical.concerns', 'technical.barriers', 'contract.approvalSteps'], [
      'D-1',
      'AC|AC-1000|2; SSL||x10; AD',
      '硬件|300,000; 服务|5万; 培训',
      '总部|2026-10-12|张总/李工; reference|Kim、Raj',
      '日志留存不足|blocking; HA 切换|已解决',
      '测试方案、招标参数',
      '科室申请; 院办审批; 财务',
    ]);
    expect(s.need?.products).toEqual([{ line: 'AC', model: 'AC-1000', quantity: 2 }, { line: 'SSL', quantity: 10 }, { line: 'AD' }]);
    expect(s.funding?.breakdown).toEqual([{ item: '硬件', amount: 300000 }, { item: '服务', amount: 50000 }, { item: '培训' }]);
    expect(s.technical?.visits).toEqual([{ kind: 'hq', date: '2026-10-12', visitors: ['张总', '李工'] }, { kind: 'reference', visitors: ['Kim', 'Raj'] }]);
    expect(s.technical?.concerns).toEqual([{ text: '日志留存不足', blocking: true }, { text: 'HA 切换', resolved: true }]);
    expect(s.technical?.barriers).toEqual(['trial-plan', 'tender-specs']);
    expect(s.contract?.approvalSteps).toEqual(['科室申请', '院办审批', '财务']);
    expect(issues(['id', 'need.products'], ['D-1', 'AC|AC-1000|two'])[0]!.message).toMatch(/^product "AC": quantity: expected a number/);
    expect(issues(['id', 'technical.visits'], ['D-1', '工厂|2026-10-12'])[0]!.message).toMatch(/is not a visit kind/);
  });
});

describe('tableToSnapshots', () => {
  test('first row is the header; blank rows are skipped; rows keep their spreadsheet numbers', () => {
    const table = [['id', 'amount'], ['D-1', '1,200,000'], [], ['', '  '], ['D-2', ''], ['D-3', 'lots']];
    expect(tableToSnapshots(table)).toEqual([
      { row: 2, ok: true, snapshot: { id: 'D-1', amount: 1200000 } },
      { row: 5, ok: true, snapshot: { id: 'D-2' } },
      { row: 6, ok: false, id: 'D-3', issues: [{ path: '$.amount', column: 'amount', message: expect.stringMatching(/^expected a number/) }] },
    ]);
    expect(tableToSnapshots([['s1.1'], ['C']], { headerRow: 3 })).toEqual([{ row: 4, ok: true, snapshot: { id: 'row 4', answers: { 's1.1': 'C' } } }]);
    expect(tableToSnapshots([])).toEqual([]);
  });

  test('columnRoles tells writers which columns are answers', () => {
    expect(columnRoles(['id', 's1.1', 'amount', 'custom.x', 'stage', 'who', '', 's1.99'])).toEqual(['id', 'answer', 'fact', 'custom', 'ignore', 'custom', 'unknown', 'unknown']);
  });
});
