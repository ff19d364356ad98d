/* zs_cite: the citation a drafter pastes, from a document's metadata:
 * 《标题》（发文字号），发文机关，成文日期，第N页 (第N段 where there are no pages). */
#ifndef ZS_CITE_H
#define ZS_CITE_H

#include <stddef.h>

#include "zs_record.h"

/* Writes the citation of passage rec of file f into buf (NUL-terminated,
 * cut at a character boundary when size is too small): the parts the
 * metadata lacks are left out, a 《》 inside the title becomes 〈〉, a date
 * 2019-01-22 is written 2019年1月22日. Returns the length written. */
size_t zs_cite(char *buf, size_t size, const zs_file_record *f, const zs_passage_record *rec);

#endif
