namespace MediaMonitor.EntityTagging.Recognition;

/// <summary>The words around a capitalised name that say it is a person or an organisation.</summary>
public static class NameCues
{
    /// <summary>Titles and roles written just before a person's name ("press secretary Dmitry Peskov", "President Putin").</summary>
    public static readonly HashSet<string> TitlesBefore = new(StringComparer.OrdinalIgnoreCase)
    {
        "secretary", "minister", "president", "director", "ambassador", "spokesman", "spokeswoman", "spokesperson", "chairman",
        "chairwoman", "chief", "leader", "expert", "analyst", "scientist", "professor", "economist", "journalist", "colleague",
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof.", "sen.", "gov.", "gen.", "general", "colonel", "senator",
        "governor", "judge", "coach", "premier", "chancellor", "king", "queen", "prince", "princess", "pope", "mayor", "envoy",
        "diplomat", "commander", "deputy", "lawyer", "author", "writer", "editor", "correspondent", "representative", "rep.",
        "captain", "sir", "lord", "lady", "striker", "midfielder", "defender", "goalkeeper", "manager", "player", "actor",
        "actress", "singer", "founder", "ceo", "head", "officer", "official", "advisor", "adviser", "aide", "candidate",
        "lieutenant", "sergeant", "saint", "st.", "rabbi", "imam", "father", "bishop", "cardinal", "archbishop", "emperor",
    };

    /// <summary>Verbs of saying and thinking written just before or after a person's name ("says Dmitry Suslov", "Suslov continues").</summary>
    public static readonly HashSet<string> SpeechVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "said", "says", "say", "told", "tells", "added", "adds", "explains", "explained", "continues", "continued", "recalls",
        "recalled", "noted", "notes", "claims", "claimed", "stated", "states", "wrote", "writes", "argued", "argues", "warned",
        "warns", "insisted", "insists", "thinks", "believes", "believed", "hopes", "hoped", "announced", "announces", "asked",
        "asks", "replied", "replies", "stressed", "stresses", "emphasised", "emphasized", "admitted", "admits", "suggested",
        "suggests", "commented", "comments", "observed", "observes", "concluded", "concludes", "urged", "urges", "denied",
        "denies", "confirmed", "confirms", "declared", "declares", "predicted", "predicts", "remarked", "remarks", "points",
        "pointed", "wants", "wanted", "met", "visited", "criticised", "criticized", "accused", "praised",
    };

    /// <summary>Role words after "Name," that make the name a person ("Ivan Timofeev, director general of ...").</summary>
    public static readonly HashSet<string> RolesAfterComma = new(StringComparer.OrdinalIgnoreCase)
    {
        "deputy", "director", "head", "chairman", "chairwoman", "minister", "spokesman", "spokeswoman", "president", "professor",
        "expert", "analyst", "member", "leader", "author", "founder", "chief", "secretary", "senior", "executive", "editor",
        "who", "whose", "aged", "a", "an", "the", "former", "ambassador", "general", "vice", "governor", "mayor", "senator",
        "researcher", "fellow", "lecturer", "associate", "assistant", "managing", "political", "economist", "correspondent",
    };

    /// <summary>Words that end (or head) an organisation's name ("Eurasian Analytical Club", "Ministry of Defense").</summary>
    public static readonly HashSet<string> OrganisationWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "club", "council", "department", "ministry", "institute", "university", "center", "centre", "bank", "party", "agency",
        "committee", "commission", "organization", "organisation", "association", "corporation", "company", "group", "inc",
        "inc.", "ltd", "ltd.", "corp", "corp.", "plc", "fund", "union", "alliance", "army", "court", "parliament", "assembly",
        "office", "service", "foundation", "forum", "studies", "academy", "school", "college", "federation", "bureau",
        "authority", "board", "navy", "police", "airlines", "airways", "railways", "network", "news", "times", "post", "journal",
        "league", "society", "church", "senate", "congress", "cabinet", "government", "institution", "laboratory", "laboratories",
        "holdings", "industries", "systems", "technologies", "motors", "trust", "secretariat", "directorate", "guard", "forces",
        "front", "movement", "brigade", "team", "fc", "united", "city", "rovers", "wanderers", "exchange", "chamber", "duma",
        "parliament", "tribunal", "hospital", "museum", "library", "press", "media", "television", "radio", "telegraph",
    };

    /// <summary>Words that head the name of an event, prize or war ("Battle of Antietam", "MTV Video Music Awards"): MISC in CoNLL.</summary>
    public static readonly HashSet<string> EventWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "cup", "championship", "championships", "award", "awards", "prize", "trophy", "festival", "war", "battle", "siege",
        "campaign", "operation", "games", "olympics", "olympiad", "open", "tour", "bowl", "medal", "series", "tournament",
        "revolution", "uprising", "treaty", "accord", "accords", "act", "agreement", "crisis", "summit", "conference", "expo",
    };

    /// <summary>Lower-case words that may stand inside a name ("Council on International Relations", "Ministry of Defense").</summary>
    public static readonly HashSet<string> Connectors = new(StringComparer.Ordinal)
    {
        "of", "on", "for", "and", "the", "de", "del", "della", "da", "dos", "van", "von", "der", "den", "al", "bin", "ibn",
        "la", "le", "du", "&",
    };
}
