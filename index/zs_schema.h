/* zs_schema: what zhindex writes into an index and zhquery reads back: metadata
 * keys and value slots. Term prefixes live in text/zs_terms.h. */
#ifndef ZS_SCHEMA_H
#define ZS_SCHEMA_H

/* Version of the layout below; an index of another version is refused. */
#define ZS_SCHEMA_VERSION "5"

#define ZS_META_SCHEMA "zs:schema"     /* ZS_SCHEMA_VERSION */
#define ZS_META_ANALYSIS "zs:analysis" /* ZS_ANALYSIS_FORMAT, filled in */
#define ZS_META_FOLD "zs:fold"         /* zs_fold_describe() of the folding used */

/* How text was analysed (schema version, folding and its traditional-to-
 * simplified table, lexicon): zhquery refuses an index whose analysis differs
 * from its own, rather than miss terms. */
#define ZS_ANALYSIS_FORMAT                                                                         \
  "schema=%s fold=%s t2s=%s segment=icu+longest-merge lexicon=%s ngrams=bigram+tail-pairwords"
#define ZS_META_NEXT_FILE_ID "zs:next-file"      /* decimal */
#define ZS_META_LEXICON_EXTRA "zs:lexicon-extra" /* words added with zhindex --lexicon */
#define ZS_META_FILE_PREFIX "file:"              /* + decimal file id -> zs_file_record */
#define ZS_META_COPIES "zs:copies" /* groups of copies: "shown copy copy…\n" file ids */
#define ZS_META_COPIES_STALE "zs:copies-stale" /* "1": files committed since the last grouping */
#define ZS_META_PATH_PREFIX "path:" /* + 16 hex digits of FNV-1a(path) -> decimal file id */

/* The file's key (zs_file_key_value): file ids are per index, the key is the
 * same in every shard, so collapsing by document and the document facet work
 * across shards. */
#define ZS_SLOT_FILE_KEY 0
#define ZS_SLOT_PROVINCE 1 /* short province name (facets) */
#define ZS_SLOT_YEAR 2     /* four decimal digits (facets) */
#define ZS_SLOT_TYPE 3     /* document type (facets) */
#define ZS_SLOT_ORG 4      /* issuing body (facets) */

/* Boolean term of every passage: its file id and the file record's version
 * ("V12:3"), so that a new version's passages are added and the old one's
 * removed in one commit. */
#define ZS_PREFIX_VERSION "V"

/* Boolean term of every passage: its file's key (zs_file_key_term), for doc:
 * filters and for removing a file's passages. */
#define ZS_PREFIX_FILE "F"

/* Boolean terms of the passages of a copy (ZS_META_COPIES): every one, and
 * those whose text the file shown for it does not hold, which stay searchable
 * by exact strings while the rest is hidden. */
#define ZS_TERM_COPY "XC"
#define ZS_TERM_OWN_TEXT "XU"

/* Boolean filter terms of every passage, from its file's metadata. */
#define ZS_PREFIX_PROVINCE "XP"
#define ZS_PREFIX_YEAR "XY"
#define ZS_PREFIX_TYPE "XT"

#endif
