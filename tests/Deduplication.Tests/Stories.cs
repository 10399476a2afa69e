namespace MediaMonitor.Deduplication.Tests;

/// <summary>Test articles written for these tests, and the edits syndication makes to them.</summary>
internal static class Stories
{
    public static readonly string[] BridgeParagraphs =
    [
        "The city council of Norrvik opened the new Saltbay bridge on Tuesday, ending eleven years of planning and three years of construction that cost the region 412 million crowns.",
        "Mayor Helena Ostberg told a crowd of several hundred residents that the crossing would cut the morning commute from the northern suburbs by almost half an hour for most families.",
        "Engineers from the firm Vastra Konstruktion said the cable-stayed design had to withstand winter storms from the open sea, which forced two redesigns of the southern pylon in 2021.",
        "Opposition councillor Jonas Lind questioned the final bill, saying the project had run forty percent over its original budget while schools in the district still wait for repairs.",
        "The bridge carries four lanes for cars, a protected cycle path and a tram line that the regional transport authority expects to open in the spring of next year.",
        "Local shop owners on the harbour front said they hoped the new traffic would bring customers back after a difficult decade in which several family businesses closed their doors.",
        "Environmental groups had campaigned against the route because it crosses a wetland used by migrating birds, and the council agreed to fund a monitoring programme for ten years.",
        "The first cars crossed shortly after noon, led by a vintage fire engine from the city museum, while a brass band played on the northern landing.",
    ];

    public static readonly string[] FloodParagraphs =
    [
        "Heavy rain flooded the lower town of Ekdal overnight, forcing the evacuation of about two hundred homes and closing the main railway line to the coast for most of Wednesday.",
        "Rescue services used boats to reach elderly residents trapped on upper floors, and the regional hospital postponed planned operations to keep beds free for emergencies.",
        "Meteorologists said more than ninety millimetres fell in six hours, the highest total recorded at the local station since measurements began in the nineteen fifties.",
        "Farmers in the valley warned that the harvest of late potatoes was likely lost, and asked the ministry of agriculture for emergency support before the winter.",
        "The river is expected to peak on Thursday morning, and officials urged people living near the embankments to move valuables upstairs and follow the radio for updates.",
        "Volunteers filled sandbags at the sports hall through the night, and the local football club opened its clubhouse to families who could not return home.",
    ];

    public static string Bridge => string.Join("\n\n", BridgeParagraphs);

    public static string Flood => string.Join("\n\n", FloodParagraphs);

    /// <summary>The bridge story under another site's boilerplate, with a byline, a dateline and small edits.</summary>
    public static string BridgeSyndicated() =>
        "Home » Europe » Regional news\n\nBy Staff Reporter | Northern Wire\n\nNORRVIK, Nov 12 (NW) - " +
        Bridge.Replace("on Tuesday", "this Tuesday", StringComparison.Ordinal)
            .Replace("several hundred residents", "hundreds of residents", StringComparison.Ordinal)
            .Replace("a difficult decade", "a hard decade", StringComparison.Ordinal) +
        "\n\nShare on your profiles, with friends, in groups and on pages.\n\nFollow our Telegram channel for more regional news.";

    public static string BridgeLead() => "NORRVIK (NW) - " + string.Join("\n\n", BridgeParagraphs.Take(3));

    public static string BridgeReordered() => string.Join("\n\n", BridgeParagraphs.Take(2).Concat(BridgeParagraphs.Skip(5)).Concat(BridgeParagraphs.Skip(2).Take(3)));

    /// <summary>The same wording about another bridge: a template-like article that differs in names and numbers.</summary>
    public static string OtherBridgeFromTheSameTemplate() => Bridge
        .Replace("Norrvik", "Solberga", StringComparison.Ordinal)
        .Replace("Saltbay", "Kvarnholm", StringComparison.Ordinal)
        .Replace("Helena Ostberg", "Per Dahlgren", StringComparison.Ordinal)
        .Replace("Vastra Konstruktion", "Nordic Span", StringComparison.Ordinal)
        .Replace("Jonas Lind", "Maria Holm", StringComparison.Ordinal)
        .Replace("412", "268", StringComparison.Ordinal)
        .Replace("2021", "2019", StringComparison.Ordinal)
        .Replace("eleven years", "nine years", StringComparison.Ordinal)
        .Replace("Tuesday", "Friday", StringComparison.Ordinal);
}
