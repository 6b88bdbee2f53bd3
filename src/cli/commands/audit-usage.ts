/** `dealqual audit --help` in en and zh-CN (the locale: --locale, else LC_ALL / LC_MESSAGES / LANG). */
import type { Locale } from '../../locale/messages.js';
import { FORMAT_NAMES } from '../formatters/index.js';
import { COMMON_USAGE, COMMON_USAGE_ZH } from '../settings.js';

const en = `Usage: dealqual audit <paths…> [options]

Audits deals: JSON files (one deal or an array), directories (recursively, sorted), glob patterns
('deals/**/*.json', quoted), JSON Lines (.jsonl, .ndjson; streamed), CSV (.csv, .tsv; , ; or tab),
.xlsx sheets, and - for stdin.

Options:
  -f, --format NAME        ${FORMAT_NAMES.join(' | ')} (default stylish)
  -o, --output-file FILE   write the report to FILE (required for xlsx; --output is an alias)
      --detail LEVEL       json/jsonl results: compact (default: codes and params) or full
                           (also every message, title and signal, in --locale)
  -q, --quiet              report errors only (warnings are not reported or counted)
      --max-warnings N     exit 1 when there are more than N warnings
  -j, --jobs N             audit on N worker threads (output stays in input order)
      --stdin-format KIND  json | jsonl | csv (default: sniffed from the first line)
      --color, --no-color  force colour on or off (default: FORCE_COLOR, else NO_COLOR, else
                           on when stdout is a TTY)
      --no-csv-escape-formulas  csv/xlsx: write cells exactly as read (default: cells starting
                           with = + - @ tab or CR get a leading ' so spreadsheets do not run them)
      --skip-invalid       report deals and rows that cannot be read or validated (file, line,
                           field path) as skipped and audit the rest; they do not set exit 2
${COMMON_USAGE}
  -h, --help               this help

Exit codes: 0 clean · 1 problems over the thresholds · 2 usage error, or an input that could
not be read or validated (listed after every other deal). See docs/cli.md.`;

const zh = `用法:dealqual audit <路径…> [选项]

审计商机:JSON 文件(一个商机或数组)、文件夹(递归,按路径排序)、glob 模式
('deals/**/*.json',加引号)、JSON Lines(.jsonl、.ndjson;流式)、CSV(.csv、.tsv;, ; 或制表符)、
.xlsx 工作表,以及 - 表示标准输入。

选项:
  -f, --format 名称        ${FORMAT_NAMES.join(' | ')}(默认 stylish)
  -o, --output-file 文件   把报告写入文件(xlsx 必需;--output 为别名)
      --detail 级别        json/jsonl 结果:compact(默认:代码和参数)或 full(另含 --locale
                           语言的全部消息、标题和信号)
  -q, --quiet              只报告错误(警告不报告也不计数)
      --max-warnings N     警告多于 N 个时退出码为 1
  -j, --jobs N             用 N 个工作线程审计(输出保持输入顺序)
      --stdin-format 类型  json | jsonl | csv(默认按第一行判断)
      --color, --no-color  强制开启或关闭颜色(默认:FORCE_COLOR,其次 NO_COLOR,
                           否则标准输出为终端时开启)
      --no-csv-escape-formulas  csv/xlsx:按原样写出单元格(默认:以 = + - @ 制表符或回车
                           开头的单元格前加 ',以免电子表格把它当公式执行)
      --skip-invalid       无法读取或校验的商机和行(文件、行号、字段路径)列为已跳过,其余照常
                           审计;它们不使退出码为 2
${COMMON_USAGE_ZH}
  -h, --help               本帮助

退出码:0 通过 · 1 有超过阈值的问题 · 2 用法错误,或有无法读取或校验的输入
(在其他所有商机之后列出)。见 docs/cli.md。`;

export const auditUsage = (locale: Locale): string => (locale === 'zh-CN' ? zh : en);
