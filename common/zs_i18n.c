/* zs_i18n: picks the language of messages and binds the catalog. Written by
 * hand only where glibc would fall back to English: a zh_* locale that is not
 * generated (setlocale fails, and gettext ignores LANGUAGE in the C locale). */
#include "zs_i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#ifndef ZS_LOCALEDIR
#define ZS_LOCALEDIR "/usr/share/locale"
#endif

/* The locale the environment asks for messages in, as setlocale reads it. */
static const char *asked_locale(void) {
  static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
    const char *v = getenv(vars[i]);
    if (v && *v)
      return v;
  }
  return NULL;
}

static int is_chinese(const char *name) {
  return name && strncmp(name, "zh", 2) == 0 &&
         (name[2] == '\0' || name[2] == '_' || name[2] == '.' || name[2] == '@');
}

/* Messages through C.UTF-8 and LANGUAGE: gettext then reads lang's catalog
 * without the locale being generated. */
static void messages_in(const char *lang) {
  if (!setlocale(LC_MESSAGES, "C.UTF-8"))
    setlocale(LC_MESSAGES, "C.utf8");
  setenv("LANGUAGE", lang, 1);
}

static void bind_catalog(void) {
  bindtextdomain(ZS_TEXT_DOMAIN, ZS_LOCALEDIR);
  bind_textdomain_codeset(ZS_TEXT_DOMAIN, "UTF-8"); /* whatever LC_CTYPE says */
}

void zs_i18n_init(void) {
  const char *got = setlocale(LC_MESSAGES, "");
  const char *asked = asked_locale();
  const char *language = getenv("LANGUAGE");
  if (is_chinese(asked) && !is_chinese(got) && !(language && *language))
    messages_in("zh_CN");
  bind_catalog();
}

void zs_i18n_use(const char *lang) {
  if (strncmp(lang, "en", 2) == 0) {
    setlocale(LC_MESSAGES, "C");
    unsetenv("LANGUAGE");
  } else {
    messages_in(lang);
  }
  bind_catalog();
}

int zs_i18n_is_chinese(void) {
  /* the catalog's own header answers: a translated "" names its language */
  static const char header_msgid[] = ""; /* a variable: xgettext is not to extract it */
  const char *header = dgettext(ZS_TEXT_DOMAIN, header_msgid);
  return header && strstr(header, "Language: zh") != NULL;
}
