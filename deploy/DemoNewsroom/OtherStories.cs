namespace MediaMonitor.DemoNewsroom;

/// <summary>
/// A dozen unrelated stories, written for this demo, four per outlet. Two are near misses for the demo query: one has
/// "Kazakhstan" and "center" but no NATO, one has "NATO" and "center" but no Kazakhstan.
/// </summary>
public static class OtherStories
{
    public static IReadOnlyList<NewsItem> For(Outlet blog, Outlet newspaper, Outlet wire, DateTimeOffset storyPublishedAt)
    {
        DateTimeOffset HoursBefore(double hours) => storyPublishedAt.AddHours(-hours);
        return
        [
            new(blog, "almaty-data-center-opens", "Almaty opens its largest data center", "A new facility promises faster cloud services across Kazakhstan.",
                "By Daniyar Omarov", HoursBefore(2),
                [
                    "A data center described by its owners as the largest in Kazakhstan opened on the northern edge of Almaty on Tuesday, with room for four thousand server racks and its own substation.",
                    "The operator said banks and online retailers had already signed up for most of the first hall. Cooling relies on outside air for much of the year, which the company expects to cut electricity use by a third compared with older sites.",
                    "City officials welcomed the investment but said the grid would need upgrades before a planned second phase doubles the building's capacity.",
                ], ["#Almaty", "#tech"]),
            new(blog, "steppe-wheat-harvest-record", "Steppe farmers bring in a record wheat harvest", "Dry weather in September let combines work late into the night.",
                "By Aigerim Sadykova", HoursBefore(11),
                [
                    "Farmers across the northern steppe finished the wheat harvest two weeks early this year after a dry, warm September, and regional agronomists expect the total to beat last year's record.",
                    "Grain elevators in several districts reported queues of trucks stretching for kilometres. Traders warned that storage, not yield, is now the bottleneck, and prices at the farm gate have slipped as a result.",
                ], ["#harvest"]),
            new(blog, "bike-lanes-approved", "Council approves twenty kilometres of protected bike lanes", "Cyclists cheer, shop owners worry about parking.",
                "By Marat Kenzhebek", HoursBefore(27),
                [
                    "The city council voted eleven to four on Wednesday to build twenty kilometres of protected bike lanes over the next two years, starting with the boulevard that links the railway station to the university.",
                    "Shop owners along the route asked for loading bays to be kept, and the transport department promised to publish a revised plan before construction begins in the spring.",
                ], []),
            new(blog, "comet-visible-before-dawn", "A bright comet is visible before dawn this week", "Astronomers say binoculars are enough to spot its tail.",
                "By Daniyar Omarov", HoursBefore(40),
                [
                    "A comet discovered in the spring has brightened faster than expected and can be seen low in the eastern sky about an hour before sunrise, according to the university observatory.",
                    "Its tail, pushed away from the Sun by the solar wind, stretches roughly the width of two full moons in long-exposure photographs. The observatory will open its roof to visitors on Saturday morning if the sky is clear.",
                ], ["#astronomy"]),

            new(newspaper, "nato-air-defense-training-center", "NATO ministers back a new air defense training center", "Foreign ministers agreed to pool training for short-range systems.",
                "Capital Courier foreign desk", HoursBefore(3),
                [
                    "NATO foreign ministers meeting in Brussels agreed on Thursday to set up a shared training center for crews of short-range air defense systems, to be hosted by Germany and open to all allies from next year.",
                    "Officials said the center would cut the time it takes to certify new crews and let smaller members train on equipment they cannot afford to keep at home. The ministers also discussed ammunition production, which several delegations said was still too slow.",
                ], []),
            new(newspaper, "central-bank-holds-rates", "Central bank holds its key rate as inflation cools", "Policymakers signalled that cuts could come in the new year.",
                "By Elena Voronova", HoursBefore(8),
                [
                    "The central bank left its key interest rate unchanged on Friday, saying that inflation had eased for a third month running but remained above its target.",
                    "The governor told reporters that the board had discussed a cut and that one could follow early next year if food prices stay calm. Bond yields fell slightly after the announcement.",
                ], []),
            new(newspaper, "museum-reopens-after-restoration", "City museum reopens after a three-year restoration", "The nineteenth-century building has its painted ceilings back.",
                "By Elena Voronova", HoursBefore(30),
                [
                    "The city's history museum reopened on Sunday after a three-year restoration that uncovered painted ceilings hidden under layers of plaster since the 1950s.",
                    "Curators used the closure to rebuild the permanent exhibition around personal objects donated by local families, from wedding dresses to a tram driver's ticket punch. Entry will be free for the first month.",
                ], []),
            new(newspaper, "flu-clinics-extend-hours", "Clinics extend hours for flu vaccinations", "Health officials urge older residents to book early.",
                "By Pavel Ilyin", HoursBefore(52),
                [
                    "Public clinics will stay open until nine in the evening on weekdays through December so that working people can get a flu shot, the health department said on Monday.",
                    "Doctors reported an early rise in respiratory infections among schoolchildren and urged people over sixty-five and those with chronic illnesses to book an appointment now rather than wait for the peak.",
                ], []),

            new(wire, "caspian-rail-freight-growth", "Freight on the trans-Caspian route doubles", "Container trains now reach Europe in under three weeks.",
                "Eurasia Wire", HoursBefore(5),
                [
                    "Container traffic on the rail and ferry corridor across the Caspian Sea doubled in the first ten months of the year, operators said on Wednesday, as shippers looked for routes that avoid congested ports.",
                    "A train leaving western China now reaches the Black Sea coast in about eighteen days. Port operators on both shores of the Caspian are adding berths, but the ferries themselves remain the slowest link.",
                ], ["#logistics", "#rail"]),
            new(wire, "battery-recycling-plant", "Startup opens a battery recycling plant", "The plant recovers lithium, nickel and cobalt from old phones.",
                "Eurasia Wire", HoursBefore(14),
                [
                    "A three-year-old startup opened a plant on Thursday that shreds used batteries from phones, laptops and scooters and recovers lithium, nickel and cobalt for reuse.",
                    "The founders said the plant can process five thousand tonnes a year and that carmakers have asked to test the recovered metals. Environmental groups welcomed the project but asked for independent monitoring of its wastewater.",
                ], ["#recycling", "#startups"]),
            new(wire, "early-snow-mountain-passes", "Early snow closes two mountain passes", "Drivers were told to carry chains until further notice.",
                "Eurasia Wire", HoursBefore(33),
                [
                    "Heavy snow fell in the mountains overnight, closing two high passes to trucks and leaving dozens of vehicles waiting at checkpoints, the roads agency said on Saturday.",
                    "Forecasters expect the cold spell to last until the middle of next week. Ploughs were working on the main highway, and the agency told drivers to carry chains and check conditions before setting off.",
                ], ["#weather"]),
            new(wire, "football-cup-final", "Underdogs win the cup final on penalties", "A second-division side lifts the trophy for the first time.",
                "Eurasia Wire", HoursBefore(60),
                [
                    "A second-division club won the national cup for the first time on Sunday, beating the league champions on penalties after a goalless two hours in front of a sold-out stadium.",
                    "The winning kick came from a nineteen-year-old defender who had never taken a penalty in a professional match. The victory gives the club a place in a European qualifying round next summer.",
                ], ["#football"]),
        ];
    }
}
