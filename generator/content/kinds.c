/* kinds.c — the page kinds (see kinds.h), in the order messages list them.
 * Search ranks: procedures first,
 * then documents, journeys and plain pages, news, announcements; abolished
 * procedures are not searched (search.c). */
#include "kinds.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static const mc_kind kinds[] = {
    {.name = "news", .folder = "tin-tuc", .label_vi = "Tin tức", .label_en = "News",
     .sort = MC_SORT_DATE_DESC, .listed = 1, .feeds = MC_FEEDS_ALL, .home_feeds = 1,
     .needs_summary = 1, .search_date = 1, .home_key = "news", .search_rank = 4,
     .search_rank_retired = 4, .search_letter = "n", .fields = mc_news_fields},
    {.name = "procedure", .folder = "thu-tuc", .label_vi = "Thủ tục hành chính",
     .label_en = "Administrative procedure", .sort = MC_SORT_TITLE, .listed = 1, .index = 1,
     .field_terms = 1,
     .checked = 1, .printed = 1, .feeds = MC_FEEDS_NONE, .search_fields = 1, .search_rank = 2,
     .search_rank_retired = 6, .search_letter = "p", .fields = mc_procedure_fields},
    {.name = "announcement", .folder = "thong-bao", .label_vi = "Thông báo",
     .label_en = "Announcement", .sort = MC_SORT_DATE_DESC, .listed = 1, .audio = 1,
     .printed = 1, .feeds = MC_FEEDS_XML, .search_date = 1, .home_key = "announcements", .search_rank = 5,
     .search_rank_retired = 5, .search_letter = "a", .fields = mc_announcement_fields},
    {.name = "document", .folder = "van-ban", .label_vi = "Văn bản", .label_en = "Legal document",
     .sort = MC_SORT_ISSUED, .listed = 1, .documents = 1, .checked = 1, .feeds = MC_FEEDS_ALL,
     .search_fields = 1, .search_date = 1, .search_rank = 3, .search_rank_retired = 6,
     .search_letter = "d", .fields = mc_document_fields},
    {.name = "journey", .folder = "su-kien-cuoc-song", .label_vi = "Sự kiện cuộc sống",
     .label_en = "Life event", .sort = MC_SORT_TITLE, .listed = 1, .links_procedures = 1,
     .feeds = MC_FEEDS_NONE, .search_rank = 3, .search_rank_retired = 3, .search_letter = "j",
     .fields = mc_journey_fields},
    {.name = "page", .folder = "", .label_vi = "Trang", .label_en = "Page",
     .sort = MC_SORT_DATE_DESC, .feeds = MC_FEEDS_NONE, .search_rank = 3,
     .search_rank_retired = 3, .search_letter = "g", .fields = mc_page_fields},
};

#define NKINDS (sizeof kinds / sizeof kinds[0])

const mc_kind *mc_kinds(size_t *n)
{
    *n = NKINDS;
    return kinds;
}

const mc_kind *mc_kind_find(const char *name)
{
    for (size_t i = 0; name && i < NKINDS; i++)
        if (!strcmp(kinds[i].name, name)) return &kinds[i];
    return NULL;
}

const mc_kind *mc_kind_page(void) { return &kinds[NKINDS - 1]; }

const mc_kind *mc_kind_audio(void)
{
    for (size_t i = 0; i < NKINDS; i++)
        if (kinds[i].audio) return &kinds[i];
    return NULL;
}

static char names[256];
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

static void make_names(void)
{
    size_t used = 0;
    for (size_t i = 0; i < NKINDS && used < sizeof names; i++)
        used += (size_t)snprintf(names + used, sizeof names - used, "%s%s",
                                 i == 0 ? "" : i + 1 == NKINDS ? " or " : ", ", kinds[i].name);
}

const char *mc_kind_names(void)
{
    pthread_once(&names_once, make_names);
    return names;
}
