using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace MediaMonitor.Crawler.Extraction;

/// <summary>Which elements are page furniture (navigation, share buttons, comments, related links, cookie banners) rather than the article.</summary>
internal static partial class BoilerplateRules
{
    private const int MaxAuthorBoxLength = 600;

    public static readonly HashSet<string> AlwaysRemovedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button", "input", "select", "textarea",
        "nav", "footer", "aside", "menu", "dialog", "object", "embed", "link", "meta", "head",
    };

    private static readonly HashSet<string> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "menu", "menubar", "search",
    };

    private static readonly HashSet<string> ProtectedTags = new(StringComparer.OrdinalIgnoreCase) { "html", "body", "article", "main" };

    public static bool IsBoilerplate(IElement element, bool byClassName = true)
    {
        if (AlwaysRemovedTags.Contains(element.LocalName))
        {
            return element.LocalName switch
            {
                "form" => !WrapsPage(element),
                "aside" or "nav" or "footer" => !HoldsMainRegion(element),
                _ => true,
            };
        }

        if (element.HasAttribute("hidden") || string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase)
            || (element.GetAttribute("style") is { } style && HiddenStyle().IsMatch(style)))
        {
            return true;
        }

        if (element.GetAttribute("role") is { } role && Roles.Contains(role))
        {
            return !HoldsMainRegion(element);
        }

        // A blockquote is quoted text (an embedded post, a statement) whatever its class says ("twitter-tweet").
        if (!byClassName || ProtectedTags.Contains(element.LocalName) || element.LocalName == "blockquote")
        {
            return false;
        }

        if (IsAuthorBox(element))
        {
            return true;
        }

        if (element.LocalName == "header" && element.ParentElement?.LocalName is "body" or "html")
        {
            return !HoldsMainRegion(element);
        }

        var marker = Marker(element);
        return marker.Length > 0 && Unlikely().IsMatch(marker) && !MaybeContent().IsMatch(marker) && !Layout().IsMatch(marker)
            && !HoldsArticleProse(element, marker)
            && !HoldsMainRegion(element) && !HoldsTitledArticle(element);
    }

    /// <summary>
    /// A block whose class name sounds like furniture ("pane-taxomenu", "header-wrap") but that holds the page's main
    /// heading and several paragraphs of prose with few links is the article's container, misnamed by its template.
    /// </summary>
    private static bool HoldsTitledArticle(IElement element) =>
        element.QuerySelector("h1") is not null
        && ProseParagraphs(element) >= 3 && MainTextExtractor.LinkDensity(element) < 0.3;

    /// <summary>Paragraphs of prose: over 100 characters, under a tenth of them in links.</summary>
    private static int ProseParagraphs(IElement element) =>
        element.QuerySelectorAll("p").Count(p => MainTextExtractor.Normalize(p.TextContent).Length > 100 && MainTextExtractor.LinkDensity(p) < 0.1);

    /// <summary>
    /// A banner, header, aside or footer left unclosed by a broken template wraps the whole page, the main region or the
    /// marked article body included: it is the page, not furniture (a browser shows the article inside it).
    /// </summary>
    private static bool HoldsMainRegion(IElement element) => element.QuerySelector("main, [role=main], [itemprop=articleBody]") is not null;

    /// <summary>
    /// ASP.NET Web Forms pages wrap the whole body in one form: a form holding an article, the main region, several
    /// paragraphs of prose, or most of the page's text is the page, not a search box or a comment form.
    /// </summary>
    private static bool WrapsPage(IElement form) =>
        form.QuerySelector("article, main, [role=main]") is not null
        || form.QuerySelectorAll("p").Count(p => MainTextExtractor.Normalize(p.TextContent).Length > 80) >= 3
        || (form.TextContent.Length >= 1000 && form.Owner?.Body is { } body && form.TextContent.Length >= 0.5 * body.TextContent.Length);

    /// <summary>
    /// A block named for the author or the byline ("author-box", "post-author", "byline") that is short and holds no
    /// headline is the writer's line or biography, not the article, even when its name also says "content".
    /// </summary>
    private static bool IsAuthorBox(IElement element) =>
        AuthorBox().IsMatch(Marker(element)) && MainTextExtractor.Normalize(element.TextContent).Length < MaxAuthorBoxLength
        && element.QuerySelector("h1") is null && !HoldsMainRegion(element);

    /// <summary>
    /// A "read more" expander or a paywall box that holds several long paragraphs with few links is the article's
    /// continuation, not furniture.
    /// </summary>
    private static bool HoldsArticleProse(IElement element, string marker)
    {
        if (!Continuation().IsMatch(marker))
        {
            return false;
        }

        return ProseParagraphs(element) >= 3 && MainTextExtractor.LinkDensity(element) < 0.2;
    }

    /// <summary>+25 for class/id names that usually hold the article, -25 for names that usually hold furniture.</summary>
    public static int ClassWeight(IElement element)
    {
        var marker = Marker(element);
        if (marker.Length == 0)
        {
            return 0;
        }

        var weight = 0;
        if (Positive().IsMatch(marker))
        {
            weight += 25;
        }

        if (Negative().IsMatch(marker))
        {
            weight -= 25;
        }

        return weight;
    }

    /// <summary>Short lines that are furniture wherever they appear ("Share this", "Leave a comment", "Read more").</summary>
    public static bool IsFurnitureLine(string text) => text.Length < 80 && FurnitureLine().IsMatch(text);

    private static string Marker(IElement element) => (element.ClassName + " " + element.Id).Trim();

    [GeneratedRegex(@"author|byline", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorBox();

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex(@"-ad-|^ad-|\bads?\b|advert|banner|breadcrumb|combx|comment|community|consent|cookie|cover-wrap|disqus|extra|gdpr|hashtag|header|legends|menu|modal|newsletter|outbrain|pager|pagination|popup|promo|related|remark|replies|rss|share|sharing|shoutbox|sidebar|skyscraper|social|sponsor|subscribe|supplemental|taboola|tag-?list|tags\b|tool-?bar|trending|tweet|twitter|widget|most-?read|most-?popular|most-?viewed|recommend|read-?more|signup|paywall", RegexOptions.IgnoreCase)]
    private static partial Regex Unlikely();

    /// <summary>Layout grids named after the sidebar beside them ("c-fixed-sidebar-layout", "has-sidebar"), not the sidebar.</summary>
    [GeneratedRegex(@"sidebar-?layout|(with|has)-?sidebar", RegexOptions.IgnoreCase)]
    private static partial Regex Layout();

    [GeneratedRegex(@"read-?more|paywall|expand|truncat", RegexOptions.IgnoreCase)]
    private static partial Regex Continuation();

    [GeneratedRegex(@"and|article|body|column|content|main|shadow|story|entry|post-?text|text", RegexOptions.IgnoreCase)]
    private static partial Regex MaybeContent();

    [GeneratedRegex(@"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story", RegexOptions.IgnoreCase)]
    private static partial Regex Positive();

    [GeneratedRegex(@"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|byline|author|dateline|cookie|newsletter", RegexOptions.IgnoreCase)]
    private static partial Regex Negative();

    [GeneratedRegex(@"^(share( this)?( article| story)?|leave a (comment|reply)|\d* ?comments?|read more|related( articles| stories)?|advertisement|sign up.*newsletter.*|subscribe.*|follow us.*|tags?:.*|accept( all)? cookies|we use cookies.*|about the author|print( this)?( article| page| recipe)?|(share|print|email) this (article|story|page|post)|comments? (are )?closed|write a comment|add a comment|post a comment|(diesen |den )?(artikel|beitrag|seite|rezept) (teilen|drucken|merken)|teilen sie dies mit|(jetzt )?teilen|drucken|rezept drucken|kommentare? (schreiben|verfassen|geschlossen|anzeigen)|kommentieren|über (den|die) autor(in)?|war (der|dieser) (artikel|beitrag) (nützlich|hilfreich)|möchten sie (den|diesen) (artikel|beitrag) teilen|compartir( en .{1,20})?|comparte (esta|este) (nota|noticia|artículo)|imprimir|sobre el autor|deja (un|tu) comentario|partager( cet article| sur .{1,20})?|imprimer|laisser un commentaire|à propos de l'auteur|condividi( su .{1,20})?|stampa|udostępnij|drukuj|skomentuj)\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex FurnitureLine();
}
