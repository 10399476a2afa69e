namespace MediaMonitor.DemoNewsroom;

/// <summary>
/// The demo's one syndicated story, written for this project and modelled on the seed article's subject: reports of a
/// NATO peacekeeping center opening in Kazakhstan and what Moscow's experts made of them. Three outlets run it with
/// their own headline, a few edited sentences and their own boilerplate; every copy contains "NATO", "center" and
/// "Kazakhstan", so the demo subscription "NATO center Kazakhstan" matches all three.
/// </summary>
public static class SyndicatedStory
{
    public static IReadOnlyList<NewsItem> Copies(Outlet blog, Outlet newspaper, Outlet wire, DateTimeOffset firstPublishedAt) =>
    [
        new(blog, "nato-peacekeeping-center-kazakhstan-what-opened",
            "NATO peacekeeping center in Kazakhstan: what actually opened near Almaty",
            "Reports of a NATO center in Kazakhstan drew a Kremlin response; Astana says only a conference hall was new.",
            "By Aigerim Sadykova", firstPublishedAt,
            Body(
                lead: "Reports that a NATO peacekeeping center had opened in Kazakhstan spread through Russian media this week and quickly became a diplomatic talking point.",
                answer: "Officials in Astana answered within a day.",
                closing: "\"Short of that, the balance is the policy,\" he said."),
            ["#Kazakhstan", "#NATO", "#Almaty"]) { IsSyndicatedStory = true },
        new(newspaper, "kremlin-seeks-details-nato-center-kazakhstan",
            "Kremlin seeks details after reports of a NATO center in Kazakhstan",
            "Dmitry Peskov asked for \"more detailed information\" as experts in Moscow debated Astana's ties with the West.",
            "Capital Courier foreign desk", firstPublishedAt.AddMinutes(4),
            Body(
                lead: "Reports that a NATO peacekeeping center had opened in Kazakhstan spread through Russian media in recent days and quickly became a diplomatic talking point.",
                answer: "Officials in Astana responded the next day.",
                closing: "\"Short of that, the balance is the policy,\" he said. The Capital Courier has asked the US embassy in Astana for comment."),
            []) { IsSyndicatedStory = true },
        new(wire, "kazakhstan-balancing-act-nato-center-reports",
            "Kazakhstan's balancing act: experts weigh the NATO center reports",
            "Moscow analysts say Astana keeps a channel to Washington but cannot choose the West.",
            "Eurasia Wire", firstPublishedAt.AddMinutes(9),
            Body(
                lead: "ALMATY, Eurasia Wire. Reports that a NATO peacekeeping center had opened in Kazakhstan spread through Russian media this week and quickly became a diplomatic talking point.",
                answer: "Officials in Astana answered within a day.",
                closing: "\"Short of that, balance is the policy,\" Suslov said."),
            ["#Kazakhstan", "#NATO", "#Russia", "#peacekeeping", "#Astana"]) { IsSyndicatedStory = true },
    ];

    private static IReadOnlyList<string> Body(string lead, string answer, string closing) =>
    [
        lead + " Kremlin spokesman Dmitry Peskov told reporters that Moscow wanted \"more detailed information\" and would ask its partners in Astana to explain what had happened.",
        answer + " According to the Kazakh Ministry of Defense, nothing new had been founded: the ceremony marked the opening of a renovated conference hall at the ministry's peacekeeping training center, which has worked near Almaty since 2006 and prepares military, police and civilian staff for United Nations missions. The US ambassador attended, which the ministry said explained the attention the event received.",
        "Nikita Mendkovich, who heads the Eurasian Analytical Club, was not convinced. \"Whatever the sign on the door says, American instructors train Kazakh officers there, and the results have not impressed anyone,\" he said. In his view, cooperation of this kind sits uneasily with Kazakhstan's commitments in the CSTO and the SCO.",
        "Other analysts in Moscow see a familiar pattern rather than a turn to the West. Dmitry Suslov, who is deputy director of the Higher School of Economics' Center for Comprehensive European and International Studies, said Washington treats Kazakhstan as a place where it can compete with Russia and China at the same time.",
        "\"Astana wants regional leadership and will not depend entirely on Moscow or Beijing, so it keeps a strong channel to Washington,\" Suslov said. \"But geography rules out a strategic choice for the West. Kazakhstan is not Armenia, and its leaders know it.\"",
        "Sanctions are the sharper question. Ivan Timofeev, director general of the Russian International Affairs Council, noted that Western governments increasingly target companies in third countries that resupply Russia with electronics. \"Kazakh firms weigh the Russian market against the risk of secondary sanctions, and many of them choose caution,\" he said, adding that businesses in China, India and Turkey make the same calculation.",
        "Trade between the two neighbors has nonetheless held up. Kazakhstan remains one of Russia's main trading partners, and Mendkovich argued that Moscow should judge Astana by what it does rather than what it says: in 2020 a joint exercise with the United States was called off, and in 2022 the government banned exports of ammunition that could have ended up in Ukraine.",
        "For now the peacekeeping center in Almaty runs its courses as before. Suslov said Moscow should worry only if Kazakhstan let itself be drawn into openly anti-Russian policies. " + closing,
    ];
}
