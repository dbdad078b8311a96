from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from qa.models import Question, Topic


class QuestionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    limit = 5000

    def items(self):
        return (
            Question.objects.published().only("slug", "updated_at").order_by("-published_at", "-pk")
        )

    def lastmod(self, item):
        return item.updated_at


class QaPagesSitemap(Sitemap):
    """The archive, the form to ask, and each topic."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return ["qa:index", "qa:ask", *Topic.objects.values_list("slug", flat=True)]

    def location(self, item):
        if item.startswith("qa:"):
            return reverse(item)
        return reverse("qa:topic", args=[item])
