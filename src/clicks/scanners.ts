/**
 * User agents that follow links without a reader behind them. Each entry names who sends it and
 * why its clicks are not a reader's. Real mail clients never match: a reader's click opens a
 * browser (or an in-app web view), which sends a browser's user agent.
 */
const SCANNER_USER_AGENTS: ReadonlyArray<{ pattern: RegExp; who: string }> = [
  {
    pattern: /barracuda|proofpoint|mimecast|ironport|cisco ?secure ?email|trend ?micro|\btmes\b|fortimail|fortiguard|sophos|check ?point|zscaler|safelinks/i,
    who: 'secure email gateways and link scanners that fetch every link on delivery',
  },
  {
    pattern: /microsoft office|ms-office/i,
    who: "Office's own link checks (a reader who clicks in Outlook lands in a browser, with the browser's user agent)",
  },
  {
    pattern:
      /facebookexternalhit|whatsapp|telegrambot|slackbot|slack-imgproxy|discordbot|twitterbot|linkedinbot|skypeuripreview|bingpreview|googleimageproxy|yahoomailproxy|iframely|embedly|redditbot/i,
    who: 'link-preview fetchers of chat apps, social networks and image proxies',
  },
  {
    pattern: /[a-z]bot\/|\bbot\b|crawler|spider|slurp/i,
    who: 'search engine and other crawlers (Googlebot/, bingbot/, Applebot/, …); "bot" alone as a word, never inside a device name such as Cubot',
  },
  {
    pattern:
      /headlesschrome|phantomjs|python-requests|python-urllib|aiohttp|httpx|\bcurl\/|\bwget\/|go-http-client|\bjava\/|okhttp|axios\/|node-fetch|undici|^node$|libwww-perl|apache-httpclient|scrapy/i,
    who: 'headless browsers and HTTP libraries: scripts, not readers',
  },
];

/** Whether a click came from a scanner by its user agent; no user agent at all counts as one (every browser sends one). */
export function isScannerUserAgent(userAgent: string | undefined): boolean {
  if (!userAgent || !userAgent.trim()) return true;
  return SCANNER_USER_AGENTS.some(({ pattern }) => pattern.test(userAgent));
}
