"""Who asked for a page, from the user agent: search engines only when they say so."""

import pytest

from federation.models import VisitorKind
from federation.services import classify_user_agent, is_bot

SEARCH_ENGINES = {
    "Googlebot": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Googlebot smartphone": (
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/131.0.6778.204 Mobile Safari/537.36 "
        "(compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    ),
    "Googlebot-Image": "Googlebot-Image/1.0",
    "Bingbot": (
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; "
        "+http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36"
    ),
    "Cốc Cốc": "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
    "YandexBot": "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
    "Baiduspider": (
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)"
    ),
    "DuckDuckBot": "DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)",
    "Applebot": (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like "
        "Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)"
    ),
    "Yahoo Slurp": (
        "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)"
    ),
    "PetalBot": (
        "Mozilla/5.0 (Linux; Android 7.0;) AppleWebKit/537.36 (KHTML, like Gecko) Mobile "
        "Safari/537.36 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)"
    ),
}
ROBOTS = {
    "empty": "",
    "curl": "curl/8.5.0",
    "wget": "Wget/1.21.4",
    "python-requests": "python-requests/2.32.3",
    "python urllib": "Python-urllib/3.12",
    "httpx": "python-httpx/0.27.0",
    "Go": "Go-http-client/1.1",
    "Java": "Java/17.0.2",
    "okhttp": "okhttp/4.12.0",
    "node-fetch": "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
    "HeadlessChrome": (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "HeadlessChrome/131.0.6778.204 Safari/537.36"
    ),
    "Lighthouse": (
        "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like "
        "Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse"
    ),
    "PhantomJS": (
        "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) "
        "PhantomJS/2.1.1 Safari/538.1"
    ),
    "Scrapy": "Scrapy/2.11.2 (+https://scrapy.org)",
    "AhrefsBot": "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "SemrushBot": "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
    "GPTBot": (
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; "
        "+https://openai.com/gptbot)"
    ),
    "Facebook preview": (
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"
    ),
    "UptimeRobot": "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
    "Pingdom": "Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)",
    "W3C validator": "W3C_Validator/1.3 http://validator.w3.org/services",
}
VISITORS = {
    "Android Chrome": (
        "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36"
    ),
    "iPhone Safari": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
    ),
    "Windows Edge": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"
    ),
    "Firefox": "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Cốc Cốc browser": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "coc_coc_browser/134.0.0 Chrome/128.0.6613.186 Safari/537.36"
    ),
    "Zalo in-app": (
        "Mozilla/5.0 (Linux; Android 13; CPH2387) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.6099.230 Mobile Safari/537.36 Zalo android/12100678 ZaloTheme/light"
    ),
    "Yandex Browser": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 YaBrowser/24.7.0.0 Safari/537.36"
    ),
}


@pytest.mark.parametrize("user_agent", SEARCH_ENGINES.values(), ids=SEARCH_ENGINES.keys())
def test_search_engines_that_name_themselves(user_agent):
    assert classify_user_agent(user_agent) == VisitorKind.SEARCH_ENGINE
    assert is_bot(user_agent)


@pytest.mark.parametrize("user_agent", ROBOTS.values(), ids=ROBOTS.keys())
def test_scripts_headless_browsers_scrapers_and_monitors_are_other_robots(user_agent):
    assert classify_user_agent(user_agent) == VisitorKind.ROBOT
    assert is_bot(user_agent)


@pytest.mark.parametrize("user_agent", VISITORS.values(), ids=VISITORS.keys())
def test_browsers_of_people_are_visitors(user_agent):
    assert classify_user_agent(user_agent) == VisitorKind.VISITOR
    assert not is_bot(user_agent)
