namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// What a website puts around an article: navigation, slogan, share and cookie/subscribe lines, tag lines, "related
/// stories" blocks (headlines of other articles), footer links and copyright. Two families with disjoint wording and
/// layouts: "tuning" (what the code may be tuned on) and "heldout" (never tuned on), so a held-out set is wrapped in
/// templates the code has never seen. Each site draws its own template from its family; the parts that change per page
/// (related headlines, tags, date) are drawn per article. All wording here is written for this generator.
/// </summary>
public sealed class SiteTemplates
{
    private sealed record Family(
        string[] Sections, string[] NameFirst, string[] NameSecond, string[] Separators, string[] Slogans, string[] Cookies,
        string[] Subscribes, string[] Shares, string[] RelatedHeadings, string[] ReadAlso, string[] TagPrefixes, string[] Topics,
        string[] FooterLinks, string[] Copyrights, string[] Bylines, string Domain);

    private static readonly Family Tuning = new(
        ["Home", "News", "World", "UK", "Business", "Markets", "Politics", "Sport", "Technology", "Science", "Health", "Entertainment", "Arts", "Opinion", "Video", "Weather", "Travel", "Lifestyle", "Education", "Local"],
        ["Kestrel", "Harbour", "Meridian", "Summit", "Riverside", "Beacon", "Granite", "Lantern", "Oakridge", "Sterling", "Valley", "Coastal"],
        ["Gazette", "Chronicle", "Post", "Journal", "Herald", "Times", "Dispatch", "Sentinel"],
        [" | ", " · ", " ", " / "],
        ["Independent news and analysis from {0}", "{0}: news you can trust since 1962", "Your daily source for local and world news"],
        [
            "We use cookies to give you the best experience on {0}. By continuing to browse the site you agree to our use of cookies.",
            "This website uses cookies for analytics and personalised content. You can manage your preferences in Settings at any time.",
            "Cookies help us deliver our services. By using {0} you accept that we store cookies on your device.",
        ],
        [
            "Get the {0} morning briefing in your inbox. Sign up for our free newsletter today.",
            "Subscribe now for unlimited access to {0} journalism from just one pound a week.",
            "Never miss a story: follow {0} on social media and turn on notifications.",
        ],
        ["Share this story: Facebook Twitter LinkedIn Email", "Share", "Share on Facebook | Share on Twitter | Email a friend"],
        ["Related stories", "More on this story", "You may also like", "Most read"],
        ["Related:"],
        ["Tags:", "Topics:"],
        ["economy", "government", "elections", "markets", "football", "music", "film", "internet", "health", "courts", "energy", "banking", "transport", "education"],
        ["About us", "Contact", "Advertise with us", "Privacy policy", "Terms and conditions", "Cookie settings", "Careers", "Help", "Accessibility", "Sitemap"],
        ["© {1} {0}. All rights reserved.", "Copyright {0} Ltd {1}", "{0} is not responsible for the content of external sites."],
        ["By {2} | {3:d MMMM yyyy}", "Published: {3:yyyy-MM-dd HH:mm}", "{2}, Staff Reporter"],
        "example");

    private static readonly Family HeldOut = new(
        ["Front page", "Nation", "Global", "Economy", "Finance", "Companies", "Elections", "Football", "Cricket", "Tech", "Culture", "Film", "Music", "Comment", "Photos", "Podcasts", "Property", "Motoring", "Jobs", "Obituaries"],
        ["Northgate", "Silverline", "Bluewater", "Crown", "Hilltop", "Ironside", "Redcliff", "Westmoor", "Eastbay", "Foxhall", "Juniper", "Ashcombe"],
        ["Courier", "Express", "Observer", "Tribune", "Record", "Standard", "Argus", "Mercury"],
        [" • ", " :: ", " ", " - "],
        ["{0} - the region's most read paper", "Trusted reporting, every day, from the {0} newsroom", "{0} Online Edition"],
        [
            "By using our site you consent to the processing of your data and to the use of tracking technologies as described in our privacy notice.",
            "Our partners and we store information on your device to measure the audience and to show relevant advertising; press Accept to continue.",
            "{0} and its partners process personal data such as your IP address for ads, measurement and product development.",
        ],
        [
            "Enjoy this story? Become a member of {0} and support independent reporting for less than a coffee a month.",
            "Download the {0} app for breaking news alerts straight to your phone.",
            "Want the headlines before breakfast? Join 40,000 readers of the {0} daily digest.",
        ],
        ["Send this article: WhatsApp Telegram Messenger Copy link", "Spread the word", "Tweet • Post • Email • Print"],
        ["Read also", "Trending now", "Editor's picks", "Latest headlines", "Recommended for you"],
        ["READ MORE:", "SEE ALSO:", "ALSO READ:"],
        ["Filed under:", "Keywords -"],
        ["inflation", "parliament", "strikes", "stocks", "transfers", "concerts", "cinema", "software", "hospitals", "trials", "oil", "insurers", "railways", "schools"],
        ["Who we are", "Contact the newsroom", "Media kit", "Data protection", "Imprint", "Complaints", "RSS feeds", "Newsletters", "Archive", "Syndication"],
        ["All content copyright {0} Publishing Group {1}; reproduction prohibited", "{0} ({1}) - registered as a newspaper", "Material on {0} may not be republished without permission."],
        ["Reporting by {2}; editing by the {0} desk", "{3:dddd d MMM yyyy, HH:mm}", "Story: {2} - updated {3:HH:mm}"],
        "test");

    private static readonly string[] Authors = ["Helen Marsh", "Owen Pike", "Rita Solis", "Karl Benn", "Maya Ortiz", "Ivo Lenz", "Grace Tan", "Felix Brandt"];

    private readonly Family _family;
    private readonly Random _random;
    private readonly Dictionary<string, Site> _sites = new(StringComparer.Ordinal);

    public SiteTemplates(string family, Random random)
    {
        _family = family switch
        {
            "tuning" => Tuning,
            "heldout" => HeldOut,
            _ => throw new ArgumentException($"unknown template family '{family}' (tuning or heldout)", nameof(family)),
        };
        _random = random;
    }

    /// <summary>The site with this key, its template drawn from the family the first time it is asked for.</summary>
    public Site SiteFor(string key)
    {
        if (!_sites.TryGetValue(key, out var site))
        {
            var name = Pick(_family.NameFirst) + " " + Pick(_family.NameSecond);
            if (_sites.Values.Any(s => s.Name == name))
            {
                name += " " + (_sites.Count + 1);
            }

            site = new Site(name, name.ToLowerInvariant().Replace(' ', '-') + "." + _family.Domain, Draw(name));
            _sites[key] = site;
        }

        return site;
    }

    /// <summary>The article's text inside its site's template; <paramref name="otherHeadlines"/> fill the related-stories block.</summary>
    public string Wrap(Site site, string text, DateTimeOffset published, IReadOnlyList<string> otherHeadlines)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(otherHeadlines);
        var t = site.Template;
        var top = new List<string>(t.Top);
        if (t.Byline is not null)
        {
            top.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, t.Byline, site.Name, published.Year, Pick(Authors), published));
        }

        var paragraphs = text.Split("\n\n").ToList();
        if (t.ReadAlso is not null && paragraphs.Count > 2 && otherHeadlines.Count > 0)
        {
            paragraphs.Insert(1 + _random.Next(paragraphs.Count - 1), t.ReadAlso + " " + Pick(otherHeadlines));
        }

        var bottom = new List<string>();
        if (t.TagPrefix is not null)
        {
            bottom.Add(t.TagPrefix + " " + string.Join(", ", _family.Topics.OrderBy(_ => _random.Next()).Take(2 + _random.Next(4))));
        }

        if (t.RelatedHeading is not null && otherHeadlines.Count > 0)
        {
            var related = otherHeadlines.OrderBy(_ => _random.Next()).Take(3 + _random.Next(3)).ToList();
            if (t.RelatedOnOneLine)
            {
                bottom.Add(t.RelatedHeading + ": " + string.Join(t.Separator, related));
            }
            else
            {
                bottom.Add(t.RelatedHeading);
                bottom.AddRange(related);
            }
        }

        bottom.AddRange(t.Bottom);
        return string.Join("\n\n", top.Concat(paragraphs).Concat(bottom));
    }

    private Template Draw(string name)
    {
        string Fill(string line) => string.Format(System.Globalization.CultureInfo.InvariantCulture, line, name, 2005);
        var separator = Pick(_family.Separators);
        var sections = _family.Sections.OrderBy(_ => _random.Next()).Take(5 + _random.Next(5)).ToList();
        var top = new List<string>();
        if (_random.NextDouble() < 0.5)
        {
            top.Add(name);
        }

        // Navigation: one line with the site's separator, or one link per line.
        if (_random.NextDouble() < 0.7)
        {
            top.Add(string.Join(separator, sections));
        }
        else
        {
            top.AddRange(sections);
        }

        if (_random.NextDouble() < 0.5)
        {
            top.Add(Fill(Pick(_family.Slogans)));
        }

        if (_random.NextDouble() < 0.5)
        {
            top.Add(Fill(Pick(_family.Cookies)));
        }

        var bottom = new List<string>();
        if (_random.NextDouble() < 0.6)
        {
            bottom.Add(Pick(_family.Shares));
        }

        foreach (var line in _family.Subscribes.OrderBy(_ => _random.Next()).Take(_random.Next(3)))
        {
            bottom.Add(Fill(line));
        }

        if (top.Count < 3 || _random.NextDouble() < 0.3)
        {
            bottom.Add(Fill(Pick(_family.Cookies)));
        }

        var links = _family.FooterLinks.OrderBy(_ => _random.Next()).Take(4 + _random.Next(6)).ToList();
        if (_random.NextDouble() < 0.6)
        {
            bottom.Add(string.Join(separator, links));
        }
        else
        {
            bottom.AddRange(links);
        }

        bottom.Add(Fill(Pick(_family.Copyrights)));
        var byline = _random.NextDouble() < 0.7 ? Pick(_family.Bylines) : null;
        return new Template(
            top,
            bottom,
            byline,
            _random.NextDouble() < 0.8 ? Pick(_family.RelatedHeadings) : null,
            _random.NextDouble() < 0.3,
            _random.NextDouble() < 0.3 ? Pick(_family.ReadAlso) : null,
            _random.NextDouble() < 0.6 ? Pick(_family.TagPrefixes) : null,
            separator.Trim().Length == 0 ? " | " : separator);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A site: its name, host and template.</summary>
    public sealed record Site(string Name, string Host, Template Template);

    /// <summary>The fixed lines of a site's pages and how it lays out the parts that change per page.</summary>
    public sealed record Template(
        IReadOnlyList<string> Top, IReadOnlyList<string> Bottom, string? Byline, string? RelatedHeading, bool RelatedOnOneLine, string? ReadAlso, string? TagPrefix, string Separator);
}
