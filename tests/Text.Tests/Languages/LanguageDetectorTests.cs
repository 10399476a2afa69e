using MediaMonitor.Text.Languages;

namespace MediaMonitor.Text.Tests.Languages;

public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("en", "The city council said on Tuesday that the new bridge will be opened to traffic after the summer, although the work is still behind schedule and the budget has grown by a third.")]
    [InlineData("de", "Der Stadtrat hat am Dienstag mitgeteilt, dass die neue Brücke nach dem Sommer für den Verkehr freigegeben wird, obwohl die Arbeiten noch im Rückstand sind und das Budget um ein Drittel gewachsen ist.")]
    [InlineData("fr", "Le conseil municipal a annoncé mardi que le nouveau pont sera ouvert à la circulation après l'été, bien que les travaux aient pris du retard et que le budget ait augmenté d'un tiers.")]
    [InlineData("es", "El ayuntamiento anunció el martes que el nuevo puente se abrirá al tráfico después del verano, aunque las obras siguen con retraso y el presupuesto ha crecido un tercio.")]
    [InlineData("it", "Il consiglio comunale ha annunciato martedì che il nuovo ponte sarà aperto al traffico dopo l'estate, anche se i lavori sono ancora in ritardo e il bilancio è cresciuto di un terzo.")]
    [InlineData("pt", "A câmara municipal anunciou na terça-feira que a nova ponte será aberta ao trânsito depois do verão, embora as obras ainda estejam atrasadas e o orçamento tenha crescido um terço.")]
    [InlineData("nl", "De gemeenteraad heeft dinsdag laten weten dat de nieuwe brug na de zomer voor het verkeer wordt opengesteld, hoewel de werkzaamheden nog achterlopen en het budget met een derde is gegroeid.")]
    [InlineData("pl", "Rada miejska poinformowała we wtorek, że nowy most zostanie otwarty dla ruchu po wakacjach, chociaż prace są wciąż opóźnione, a budżet wzrósł o jedną trzecią.")]
    [InlineData("tr", "Belediye meclisi salı günü yaptığı açıklamada, çalışmalar hâlâ geride olmasına ve bütçe üçte bir oranında artmasına rağmen yeni köprünün yazdan sonra trafiğe açılacağını söyledi.")]
    [InlineData("ru", "Городской совет сообщил во вторник, что новый мост будет открыт для движения после лета, хотя работы всё ещё отстают от графика, а бюджет вырос на треть.")]
    [InlineData("uk", "Міська рада повідомила у вівторок, що новий міст буде відкрито для руху після літа, хоча роботи досі відстають від графіка, а бюджет зріс на третину.")]
    [InlineData("cs", "Městská rada v úterý oznámila, že nový most bude po létě otevřen pro dopravu, přestože práce mají stále zpoždění a rozpočet vzrostl o třetinu.")]
    [InlineData("sv", "Kommunfullmäktige meddelade på tisdagen att den nya bron kommer att öppnas för trafik efter sommaren, även om arbetet fortfarande är försenat och budgeten har vuxit med en tredjedel.")]
    [InlineData("ar", "أعلن مجلس المدينة يوم الثلاثاء أن الجسر الجديد سيفتح أمام حركة المرور بعد الصيف، رغم أن الأعمال لا تزال متأخرة وأن الميزانية زادت بمقدار الثلث.")]
    [InlineData("zh", "市议会周二宣布，新桥将在夏季过后开放通车，尽管工程仍然落后于计划，预算也增加了三分之一。")]
    [InlineData("ja", "市議会は火曜日、新しい橋が夏の後に開通すると発表したが、工事はまだ遅れており、予算は三分の一増えた。")]
    [InlineData("ko", "시의회는 화요일 새 다리가 여름이 지나면 개통될 것이라고 발표했지만 공사는 여전히 지연되고 있다.")]
    [InlineData("el", "Το δημοτικό συμβούλιο ανακοίνωσε την Τρίτη ότι η νέα γέφυρα θα ανοίξει για την κυκλοφορία μετά το καλοκαίρι.")]
    public void A_sentence_is_recognised_in_its_language(string expected, string text) => Assert.Equal(expected, LanguageDetector.Detect(text));

    [Theory]
    [InlineData("en", "Storm closes schools across the north of the country")]
    [InlineData("de", "Sturm schließt Schulen im ganzen Norden des Landes")]
    [InlineData("fr", "La tempête ferme les écoles dans tout le nord du pays")]
    [InlineData("es", "La tormenta cierra las escuelas en todo el norte del país")]
    [InlineData("it", "La tempesta chiude le scuole in tutto il nord del paese")]
    [InlineData("pt", "Tempestade fecha as escolas em todo o norte do país")]
    [InlineData("nl", "Storm sluit scholen in het hele noorden van het land")]
    [InlineData("pl", "Burza zamyka szkoły na całej północy kraju")]
    [InlineData("tr", "Fırtına ülkenin kuzeyindeki tüm okulları kapattı")]
    [InlineData("ru", "Шторм закрыл школы на всём севере страны")]
    [InlineData("uk", "Шторм закрив школи на всій півночі країни")]
    [InlineData("ja", "嵐で北部の学校が休校に")]
    [InlineData("zh", "暴风雨导致北部学校停课")]
    public void A_headline_is_recognised_in_its_language(string expected, string headline) => Assert.Equal(expected, LanguageDetector.Detect(headline));

    [Fact]
    public void A_long_article_with_foreign_names_and_numbers_keeps_its_language()
    {
        var paragraph = "Die Bundesregierung will nach Angaben aus Berlin die Förderung für Solaranlagen im kommenden Jahr deutlich erhöhen. "
            + "Wie die Sprecherin des Ministeriums sagte, sollen dafür 2,4 Milliarden Euro bereitstehen. Die Opposition kritisierte, das sei zu wenig, "
            + "und verwies auf Studien der New York University und des Imperial College London. ";
        Assert.Equal("de", LanguageDetector.Detect(string.Concat(Enumerable.Repeat(paragraph, 40))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345 67 890 !!!")]
    [InlineData("OK")]
    public void Text_without_enough_language_in_it_gives_no_answer(string text) => Assert.Null(LanguageDetector.Detect(text));

    [Fact]
    public void Russian_and_ukrainian_are_told_apart_by_their_own_letters_and_words()
    {
        Assert.Equal("ru", LanguageDetector.Detect("Это было очень интересно, и мы ещё вернёмся"));
        Assert.Equal("uk", LanguageDetector.Detect("Це було дуже цікаво, і ми ще повернемося"));
    }

    [Fact]
    public void Japanese_is_told_from_chinese_by_its_kana()
    {
        Assert.Equal("ja", LanguageDetector.Detect("東京都は新しい計画を発表しました"));
        Assert.Equal("zh", LanguageDetector.Detect("东京都发表了新的计划"));
    }
}
