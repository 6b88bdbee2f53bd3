/**
 * GENERATED — do not edit by hand. Traditional → simplified characters for reading seeds 000 and
 * 002 (written in traditional characters) against the clmls and roles packs (which keep the seeds'
 * words in simplified characters): every character of those seeds that OpenCC (opencc-js 1.4.2,
 * Hong Kong → mainland) turns into a character the two packs use. Regenerate with OpenCC when a
 * pack quotes new words; a missing pair makes the seed comparison fail, never pass.
 */
const PAIRS = '銷销課课讀读還还權权戶户屬属內内請请進进認认購购買买決决產产對对價价斷断達达體体賴赖資资現现諾诺簽签單单營营尋寻結结構构機机會会龍龙則则業业類类紹绍蹤踪競竞爭争歷历員员點点優优勢势聯联齡龄況况動动關关個个與与門门間间務务規规數数狀状職职術术財财級级別别層层發发設设計计評评無无維维贏赢們们長长時时預预識识興兴獲获協协貓猫頭头鷹鹰變变約约鍵键標标顯显開开聽听執执據据為为導导專专劃划兩两顧顾問问題题確确訂订場场幫帮備备較较潛潜嚴严將将獨独戰战書书過过異异實实鞏巩脅胁議议講讲號号談谈選选擇择討讨薦荐潤润賬账審审轉转銀银帳帐惡恶詐诈環环節节額额滿满應应沒没當当準准這这須须積积賣卖響响擁拥參参練练邊边筆笔觸触傾倾記记錄录測测絕绝給给線线';

const TABLE = new Map<string, string>();
for (let i = 0; i < PAIRS.length; i += 2) TABLE.set(PAIRS[i]!, PAIRS[i + 1]!);

/** The text with the table's traditional characters replaced by their simplified forms. */
export const simplified = (text: string): string => [...text].map((ch) => TABLE.get(ch) ?? ch).join('');
