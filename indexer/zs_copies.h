/* zs_copies: one document saved twice (as .pdf, .docx and .html, or in two
 * folders) found by MinHash signatures of its text and recorded as copies. */
#ifndef ZS_COPIES_H
#define ZS_COPIES_H

#include <stddef.h>
#include <stdint.h>

#include "zs_xapian.h"

#define ZS_SIG_HASHES 64
#define ZS_SIG_HEX (ZS_SIG_HASHES * 8 + 8) /* hex digits of a signature and its size */

/* A signature being built from a document's text, passage after passage. */
typedef struct zs_sig_builder {
  uint32_t min[ZS_SIG_HASHES];
  uint32_t window[8]; /* the last code points kept (Han, letters, digits) */
  size_t nwindow;
  uint64_t shingles;
} zs_sig_builder;

void zs_sig_init(zs_sig_builder *b);

/* Adds UTF-8 text (any bytes are safe): its Han characters, letters and
 * digits, in order, continuing the text added before. */
void zs_sig_add(zs_sig_builder *b, const char *s, size_t len);

/* The signature as ZS_SIG_HEX hex digits and a NUL into out; "" for a text
 * too short to tell copies apart. */
void zs_sig_hex(const zs_sig_builder *b, char out[ZS_SIG_HEX + 1]);

/* Groups the index's files whose signatures say they hold the same text and
 * writes the groups to its metadata (ZS_META_COPIES): in each, the file with
 * the most metadata found (then by format, then path) is shown, the others
 * are its copies; their passages go into ZS_DOCSET_COPIES and
 * ZS_DOCSET_COPIES_HELD. Call inside the transaction that stores the records. */
int zs_copies_update(zs_db *db);

#endif
