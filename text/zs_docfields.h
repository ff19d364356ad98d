/* zs_docfields: recognisers for the parts of a Chinese official document
 * (GB/T 9704): 发文字号, dates, issuing bodies, 文种. Pure functions on UTF-8. */
#ifndef ZS_DOCFIELDS_H
#define ZS_DOCFIELDS_H

#include <stdbool.h>
#include <stddef.h>

/* Whether s[0..len) is, as a whole line, a document number such as
 * 国办发〔2019〕6号, 豫计生协〔2026〕2号, 国发[2019]5号 or 国令第707号
 * (surrounding spaces and a trailing 签发人… allowed). The number in its usual
 * form (〔〕 brackets, no spaces, no 签发人) goes to out (size >= 64). */
bool zs_docno_line(const char *s, size_t len, char *out, size_t size);

/* The first date in s[0..len) written as 2019年1月24日, 二〇一九年一月二十四日,
 * 2019-01-24, 2019.1.24 or 2019/1/24, as YYYY-MM-DD into out[11]; false when
 * none. With whole_line, only a line that is the date alone (brackets,
 * spaces and a trailing 印发/发布/起施行… not allowed, only "（…）") counts. */
bool zs_date_find(const char *s, size_t len, bool whole_line, char out[11]);

/* Whether s[0..len) is a line naming one or more issuing bodies and nothing
 * else (国务院, 国务院办公厅、中央军委办公厅, 中共中央 国务院, 湖南省计划生育协会):
 * writes them joined by 、 into out. */
bool zs_org_line(const char *s, size_t len, char *out, size_t size);

/* The issuing bodies a title names before 关于 ("国务院办公厅关于…的通知" →
 * 国务院办公厅), joined by 、; false when the title does not start so. */
bool zs_org_of_title(const char *title, size_t len, char *out, size_t size);

/* Whether org names a national body (国务院…, 中共中央…, 全国人大…, 国家…局, …部). */
bool zs_org_is_national(const char *org);

/* The 文种 a title ends with or names (通知, 意见, 办法, 条例, 工作要点, …), or
 * NULL. Static storage. */
const char *zs_type_of_title(const char *title, size_t len);

#endif
