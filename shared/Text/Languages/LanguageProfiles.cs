namespace MediaMonitor.Text.Languages;

/// <summary>
/// The alphabetic-script profiles the detector scores. Written for this project from general knowledge of each language
/// (the commonest function words, frequent trigrams, distinctive letters); small on purpose: they only have to tell
/// these languages apart, not model them.
/// </summary>
public static class LanguageProfiles
{
    public static readonly IReadOnlyList<LanguageProfile> Latin =
    [
        new("en",
            "the of and to in is that for it with as was on be by at from this are have has had not but or an they which you he she we his her their its were been will would said there can all more about who also after than one into when what up out them new our over no if just how so do",
            "_th the he_ and nd_ _an ing ng_ ion tio _of of_ ed_ _to to_ _in er_ hat tha is_ re_ her ter for _fo wit ith _wh _be ly_ ve_ all ere",
            ""),
        new("de",
            "der die das und ist nicht ein eine einen einem einer zu den mit von sich auf für dem des im sie er es ich wir auch als an bei nach aus wie wird werden wurde hat haben sind war noch nur oder aber über vor zum zur so dass kann mehr um schon sein seine durch wenn diese dieser gegen sei",
            "en_ er_ ch_ sch ich ein cht ung ie_ der die und nd_ gen den ine ten ber ver _ge _un _di _de eit hen ng_ ach ges ier ste",
            "ßäöü"),
        new("fr",
            "le la les de des et est une un du que qui dans pour pas au aux sur par avec il elle ils elles sont ce cette ces se sa son ses ne plus mais ou été être a l d qu n c s j leur nous vous on était fait comme tout très aussi y en après lors",
            "es_ le_ de_ _de _le ent ion que nt_ ait eur ons des les ous ais _la la_ ire _qu qu_ men ur_ _pa _co re_ ell oir uit eme",
            "éèêàâçôûùëïœî"),
        new("es",
            "el la los las de del que y en un una por con para es se al como su sus lo le más pero fue ha han este esta son está también sobre entre ya muy sin desde hasta cuando porque donde hay ser todo dos fueron había según tras año",
            "_de de_ _la la_ os_ el_ _el que ue_ _qu es_ as_ _co ent _en en_ ión ció aci ado _lo los _pa ara _se por _po nte dad ien ero",
            "ñ¿¡áíóú"),
        new("it",
            "il lo la i gli le di che e è un una uno per non con del della dei delle nel nella al alla da dal si sono come ma anche più questo questa ha hanno stato stata essere sul sulla tra fra dopo ancora perché se l dell all nell ci ne quando",
            "_di di_ _il il_ che he_ _ch _de la_ one to_ ell lla _co re_ _la ion zio _pe per are ato del ni_ _de nte ent gli ti_ _so ano",
            "àèìòù"),
        new("pt",
            "o a os as de do da dos das que e em no na nos nas um uma para com não por se é foi ao aos à mais como mas ser está são pelo pela seu sua também ou já quando tem muito isso entre depois até sobre há ele ela",
            "_de de_ _qu que ue_ os_ _do do_ _da da_ ão_ ção çõe ões as_ _co ent _pa ara _se _em em_ _no nte ado _ma com men",
            "ãõçâêôáíóú"),
        new("nl",
            "de het een en van is dat op te in niet met voor zijn er aan ook als bij door om maar dan was werd worden wordt nog naar uit over ze hij zij wij die deze dit geen al heeft hebben kan zou meer hun",
            "en_ _de de_ an_ _va van _he het et_ ij_ _ee een _en nd_ _ve ver _be oor aar ing ng_ _ge _te ten _in sch ijk cht eer lij",
            ""),
        new("pl",
            "i w nie na że się z do to jest o jak po dla od a ale co tak przez za już są być był była było oraz jego jej ich tym tego które który która może tylko przy także bardzo czy gdy ze we jako jednak",
            "_pr prz rze _w_ _na _po _ni nie ie_ ego _do _za ych _si się _z_ ch_ owa ani wa_ ski ki_ cz_ _cz sz_ _sz ają",
            "ąćęłńśźż"),
        new("tr",
            "ve bir bu da de için ile olarak çok daha ne gibi olan ama mi en o şey kadar sonra ise göre değil var yok her ancak ya veya bunu bunun olduğu olduğunu diye tarafından üzerinde ki",
            "_bi bir ir_ _ve ve_ ler lar ara eri _ka _ol ini in_ an_ ını _de da_ _ya ın_ yor ası ınd nda ak_ _ba ile lma",
            "ğışİ"),
        new("sv",
            "och att det som en på är av för med till den har inte om ett de var jag han hon men från vi så kan eller efter också sig när nu vid detta sina",
            "_oc och ch_ _at att tt_ _de det en_ _so som _pa _fö för _me ill _ti er_ ar_ nde ade lla ste _va and",
            "å"),
        new("cs",
            "a v se na je že s z o do to k i jako ale by pro jsou který která které jeho jsem byl byla bylo od po už jak tak při ve za co není také může podle jen jejich",
            "_pr pro _po _na _je je_ ní_ _ne ost sti _za ch_ _so ova ení _st ých _př při _ve ký_ ter ého",
            "ěřůčšžý"),
    ];

    public static readonly IReadOnlyList<LanguageProfile> Cyrillic =
    [
        new("ru",
            "и в не на что с по как это из он она они к но от для о а у же за бы был была было были то так его ее её все уже при только или еще ещё также может этот эта который которые году чтобы их",
            "_пр про _по _на ого ени ост _не ани ния ть_ _ко ова ста ско ет_ ых_ ый_ ой_ _ст то_ _чт что",
            "ыэъё"),
        new("uk",
            "і в не на що з до як це та у від й для про його її вони він вона але за так був була було були також вже може цей ця який які році із щоб ще або тому",
            "_пр про _по _на ння ого _ві від ськ ся_ _що що_ ати ів_ ій_ ому ти_ ть_ ува ого",
            "іїєґ"),
    ];
}
