/* zs_i18n: messages in the user's language: gettext's catalog of the
 * "zhsearch" domain (po/), Chinese when the locale is, English otherwise. */
#ifndef ZS_I18N_H
#define ZS_I18N_H

#include <libintl.h>

#define ZS_TEXT_DOMAIN "zhsearch"

/* A message to translate: _("…") where it is used, N_("…") where it is only
 * stored (translated when shown with _()). The result is static. */
#define _(msgid) dgettext(ZS_TEXT_DOMAIN, msgid)
#define N_(msgid) msgid
/* Plurals: English needs them; Chinese has one form. */
#define P_(one, many, n) dngettext(ZS_TEXT_DOMAIN, one, many, n)

/* Chooses the language of messages from the environment, as gettext does
 * (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), also when a Chinese locale named
 * there is not generated on the machine. Only messages change: numbers are
 * read and written as in C. Call once, first thing in main. */
void zs_i18n_init(void);

/* Messages in language lang ("zh_CN", "en") whatever the environment says
 * (the search page is Chinese). Call before starting threads. */
void zs_i18n_use(const char *lang);

/* Whether messages are Chinese now. */
int zs_i18n_is_chinese(void);

#endif
