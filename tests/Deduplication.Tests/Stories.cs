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

    /// <summary>Another outlet's own article about the bridge opening: the same event in other words, with the same names and figures.</summary>
    public static readonly string BridgeReport = string.Join("\n\n",
        "Drivers in Norrvik got their first taste of the Saltbay crossing on Tuesday afternoon, after the ribbon was cut by Mayor Helena Ostberg in front of a cheering crowd.",
        "The 412 million crown structure, designed by Vastra Konstruktion, took three years to build and replaces a ferry link that residents had complained about for decades.",
        "Critics led by councillor Jonas Lind say the price tag is far too high while local schools are crumbling, but supporters point to the shorter commute and the planned tram line.",
        "Bird watchers remain worried about the wetland beneath the deck, which the council has promised to keep an eye on for the next decade.");

    /// <summary>A follow-up on the bridge days later: the same names, a new development.</summary>
    public static readonly string BridgeTollFollowUp = string.Join("\n\n",
        "Commuters in Norrvik will pay a toll to cross the Saltbay bridge from next month, Mayor Helena Ostberg announced on Monday, less than a week after the opening ceremony.",
        "The charge of 25 crowns per crossing is meant to recover part of the 412 million crown bill, which councillor Jonas Lind had called a scandal during the inauguration.",
        "Hauliers said the toll would push them back onto the old coastal road, and the chamber of commerce asked for a discount for local delivery vans and taxis.",
        "Vastra Konstruktion, which built the crossing, declined to comment on the decision, saying that pricing was a matter for the city and its transport authority.");

    /// <summary>The same town the next day, other facts: school repairs the bridge debate mentioned.</summary>
    public static readonly string NorrvikSchools = string.Join("\n\n",
        "The council of Norrvik approved a repair programme for eleven schools on Wednesday, after years of complaints from parents about leaking roofs and broken heating.",
        "The programme will cost 38 million crowns over four years, said finance chief Anna Sjoberg, who promised that the Bergsgatan primary school would be first in line.",
        "Opposition councillor Jonas Lind welcomed the decision but said it came far too late for pupils who had spent two winters in portable classrooms on the playground.",
        "Teachers at the Ekdal secondary school said they would wait to see the builders arrive before they believed the promises made in the chamber this week.");
}
