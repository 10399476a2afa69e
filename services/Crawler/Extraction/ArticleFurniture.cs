using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace MediaMonitor.Crawler.Extraction;

/// <summary>
/// Furniture that sits inside the article's own container, so container choice cannot drop it: the writer's line
/// ("By Jane Marsh"), time stamps ("Updated 3:45 PM ET"), media labels and credits ("Photo", "Credit Reuters"), and
/// sections announced by a related-content heading ("Related", "Most popular", "Mehr zum Thema") followed by links.
/// Rules on text shape and words used across many languages, never on one site's markup.
/// </summary>
internal static partial class ArticleFurniture
{
    private const int MaxLineLength = 80;

    private static readonly HashSet<string> BylineLeads = new(StringComparer.OrdinalIgnoreCase) { "by", "por", "von", "par", "door", "di", "av", "från", "af", "przez" };

    private static readonly HashSet<string> NameJoiners = new(StringComparer.Ordinal)
    {
        "and", "y", "e", "und", "et", "och", "og", "i", "&", "de", "da", "del", "der", "den", "van", "von", "le", "la", "di", "du", "dos", "das", "al", "bin", "ibn",
    };

    private static readonly HashSet<string> DateWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february", "march", "april",
        "june", "july", "august", "september", "october", "november", "december", "januar", "jänner", "februar", "märz", "mai", "juni",
        "juli", "oktober", "dezember", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
        "noviembre", "diciembre", "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    };

    private static readonly HashSet<string> DateFillers = new(StringComparer.OrdinalIgnoreCase)
    {
        "am", "pm", "a", "p", "m", "et", "est", "edt", "ct", "cst", "cdt", "pt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest", "mez",
        "mesz", "at", "on", "um", "uhr", "de", "del", "el", "le", "th", "st", "nd", "rd", "h", "hrs",
    };

    /// <summary>A line of the extracted text that is furniture: a byline, a time stamp, a media label or credit.</summary>
    public static bool IsFurnitureLine(string text, string? byline = null) =>
        text.Length <= MaxLineLength && (IsByline(text, byline) || IsTimeStamp(text) || MediaLabel().IsMatch(text) || Credit().IsMatch(text));

    /// <summary>"By Jane Marsh", "Por Ana Ruiz y Luis Gil", "By JANE MARSH NOV. 24, 2026", or the page's own byline alone on a line.</summary>
    internal static bool IsByline(string text, string? byline = null)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (byline is { Length: > 1 } known && words.Length > 0
            && string.Equals(string.Join(' ', BylineLeads.Contains(words[0].TrimEnd(':')) ? words.Skip(1) : words), MainTextExtractor.Normalize(known), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (words.Length is < 2 or > 12 || !BylineLeads.Contains(words[0].TrimEnd(':')) || text.EndsWith('?') || text.EndsWith('!'))
        {
            return false;
        }

        if (text.EndsWith('.') && words[^1].Length > 4)
        {
            return false;
        }

        var name = words[1].TrimStart('@', '(');
        return name.Length > 0 && char.IsUpper(name[0]) && words.Skip(1).All(w =>
        {
            var word = w.Trim(',', ';', '|', '(', ')', '.');
            return word.Length == 0 || NameJoiners.Contains(word) || char.IsUpper(word[0]) || char.IsDigit(word[0]) || word[0] is '@' or '-' or '–' or '—' or '·' or '•' or '/';
        });
    }

    /// <summary>
    /// A line of nothing but a date with its day, or a time ("22 Dec, 2016", "Nov. 24, 2026 at 3:45 PM ET"), perhaps after
    /// "Updated"; a month and year alone ("April 2014") is a heading or an archive entry, not a stamp.
    /// </summary>
    internal static bool IsTimeStamp(string text)
    {
        var line = StampLead().Replace(text, string.Empty);
        var tokens = NonWord().Split(line).Where(t => t.Length > 0).ToList();
        return tokens.Count is >= 2 and <= 10 && tokens.Any(t => char.IsDigit(t[0]))
            && tokens.All(t => t.All(char.IsDigit) || DateWords.Contains(t) || DateFillers.Contains(t) || OrdinalNumber().IsMatch(t))
            && (tokens.Any(DateWords.Contains) || NumericDate().IsMatch(line.Trim()))
            && tokens.Any(t => (t.Length <= 2 && char.IsDigit(t[0])) || OrdinalNumber().IsMatch(t));
    }

    /// <summary>Whether a short block's whole text announces related content rather than continuing the article.</summary>
    public static bool IsRelatedHeading(string text) => text.Length <= 60 && RelatedHeading().IsMatch(text);

    /// <summary>
    /// Removes each related-content heading under root and the link blocks that follow it (up to three, stopping at
    /// the first block of prose), and paragraphs that are such a heading followed by a link ("Read more: ...").
    /// </summary>
    public static void RemoveRelatedSections(IElement root)
    {
        foreach (var element in root.QuerySelectorAll("h1, h2, h3, h4, h5, h6, p, div, span, strong, b, li, dt, header").ToList())
        {
            if (element.Parent is null || element.Children.Any(c => c.LocalName is "p" or "div" or "ul" or "ol" or "section" or "table"))
            {
                continue;
            }

            var text = MainTextExtractor.Normalize(element.TextContent);
            if (text.Length == 0 || text.Length > 200)
            {
                continue;
            }

            if (IsRelatedHeading(text))
            {
                // The heading may be wrapped (a span in an h3 in a div): the link blocks follow the outermost wrapper
                // that holds nothing else.
                var heading = element;
                while (heading.ParentElement is { } parent && parent != root && MainTextExtractor.Normalize(parent.TextContent) == text)
                {
                    heading = parent;
                }

                // A bold lead-in inside a sentence ("<b>Related:</b> the harbour dues ...") is not a heading.
                if (heading.LocalName is "span" or "strong" or "b")
                {
                    continue;
                }

                var next = heading.NextElementSibling;
                heading.Remove();
                for (var i = 0; i < 3 && next is not null && IsLinkBlock(next); i++)
                {
                    var after = next.NextElementSibling;
                    next.Remove();
                    next = after;
                }
            }
            else if (element.LocalName is "p" or "li" or "div" && LeadsToLink(element, text))
            {
                element.Remove();
            }
        }
    }

    /// <summary>"Read more: The lock gates reopen" with the headline linked: a related heading, then mostly link text.</summary>
    private static bool LeadsToLink(IElement element, string text)
    {
        var match = RelatedLead().Match(text);
        return match.Success && text.Length - match.Length <= 160 && element.QuerySelector("a") is not null
            && element.QuerySelectorAll("a").Sum(a => MainTextExtractor.Normalize(a.TextContent).Length) >= 0.6 * (text.Length - match.Length);
    }

    private static bool IsLinkBlock(IElement element)
    {
        if (element.LocalName is "p" && MainTextExtractor.LinkDensity(element) < 0.5)
        {
            return false;
        }

        var text = MainTextExtractor.Normalize(element.TextContent);
        var prose = element.QuerySelectorAll("p").Any(p => MainTextExtractor.Normalize(p.TextContent).Length > 150 && MainTextExtractor.LinkDensity(p) < 0.1);
        return !prose && (text.Length == 0 ? element.QuerySelector("img, a") is not null : MainTextExtractor.LinkDensity(element) >= 0.3);
    }

    [GeneratedRegex(@"^(?:(?:last\s+)?(?:updated|modified|published|posted|updated on|published on)|aktualisiert(?:\s+am)?|veröffentlicht(?:\s+am)?|stand|actualizado|publicado|mis à jour(?:\s+le)?|publié(?:\s+le)?|atualizado|opublikowano|aktualizacja)\s*:?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex StampLead();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|^\d{1,2}:\d{2}\b|\b\d{1,2}:\d{2}$")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"^\d{1,2}(?:st|nd|rd|th|er|e|º|ª)$", RegexOptions.IgnoreCase)]
    private static partial Regex OrdinalNumber();

    [GeneratedRegex(@"^(?:photo|image|video|foto|bild|graphic|illustration|gallery|galerie|advertisement|advertising|anzeige|werbung|publicidad|publicité|reklama|sponsored|enlarge this image|toggle caption|hide caption|expand)\s*:?$", RegexOptions.IgnoreCase)]
    private static partial Regex MediaLabel();

    [GeneratedRegex(@"^(?:(?-i:Credit(?=\p{Lu}))|Credits?:|Photo credit|(?:Photo|Photograph|Image|Picture|Foto|Bild|Bildquelle|Fotos?|Quelle Bild)\s*:|©|\(c\)\s)", RegexOptions.IgnoreCase)]
    private static partial Regex Credit();

    [GeneratedRegex(@"^(?:related(?: articles?| stories| posts| content| coverage| links| reading| news)?|read (?:more|also|next)(?: on .{1,30}| about .{1,30})?|also read|see also|further reading|what to read next|more (?:from|on|in|about) .{1,40}|more (?:stories|news|articles)|most (?:popular|read|viewed|shared|commented)(?: .{1,30})?|(?:you|we think you) (?:may|might|will) (?:also )?like|recommended(?: for you| stories| articles| reading)?|trending(?: now| stories| topics)?|popular(?: now| stories| articles)|top stories|editor'?s picks|don'?t miss|around the web|explore further|mehr zum thema(?: .{1,30})?|neueste (?:artikel|beiträge|nachrichten|meldungen)|(?:am )?meisten gelesen|schon gelesen|letzte (?:kommentare|beiträge|artikel)|mehr (?:dazu|zum|aus|von|über) .{1,40}|weitere (?:artikel|beiträge|nachrichten|themen|meldungen|links|informationen|infos)(?: .{1,30})?|ähnliche (?:artikel|beiträge|themen|nachrichten)|verwandte (?:artikel|beiträge|themen)|zum weiterlesen|lesen sie (?:auch|mehr|weiter)|auch interessant|das könnte (?:sie|dich) auch interessieren|meistgelesen(?:e)?(?: .{1,30})?|(?:lea|lee|leer|ver|vea|veja|leia|mira) (?:también|tambem|também|más|mais)|(?:noticias|artículos|notícias|artigos) relacionad[ao]s|te puede interesar|(?:à|a) lire aussi|lire aussi|sur le même sujet|voir aussi|articles similaires|les plus lus|(?:czytaj|zobacz) (?:też|także|również|więcej)|najczęściej czytane|podobne artykuły|leggi anche|articoli correlati)\s*[:.…»›>\-–—]*$", RegexOptions.IgnoreCase)]
    private static partial Regex RelatedHeading();

    [GeneratedRegex(@"^(?:related|read more|read also|also read|see also|more|lesen sie auch|mehr zum thema|zum weiterlesen|auch interessant|(?:lea|lee|ver|vea|veja|leia) (?:también|tambem|também|más|mais)|(?:à|a) lire aussi|lire aussi|voir aussi|(?:czytaj|zobacz) (?:też|także|również|więcej)|leggi anche)\s*[:»›>\-–—|]+\s*", RegexOptions.IgnoreCase)]
    private static partial Regex RelatedLead();
}
