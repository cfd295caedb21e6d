#!/usr/bin/env python3
"""Merges the request-message wording below into Sources/SargsCore/Resources/notice/<lang>.json.

The catalogues are the source of truth once written; this script exists so the six languages of a
new message are added side by side. Run it from the repository root after editing MESSAGES.
"""
import json
import pathlib

MESSAGES = {
    "request.type.access": {
        "en": "access to your data", "lv": "piekļuve jūsu datiem", "lt": "susipažinimas su jūsų duomenimis",
        "et": "juurdepääs teie andmetele", "uk": "доступ до ваших даних", "ru": "доступ к вашим данным"},
    "request.type.rectification": {
        "en": "rectification of your data", "lv": "jūsu datu labošana", "lt": "jūsų duomenų ištaisymas",
        "et": "teie andmete parandamine", "uk": "виправлення ваших даних", "ru": "исправление ваших данных"},
    "request.type.erasure": {
        "en": "erasure of your data", "lv": "jūsu datu dzēšana", "lt": "jūsų duomenų ištrynimas",
        "et": "teie andmete kustutamine", "uk": "знищення ваших даних", "ru": "удаление ваших данных"},
    "request.type.restriction": {
        "en": "restriction of processing", "lv": "apstrādes ierobežošana", "lt": "tvarkymo apribojimas",
        "et": "töötlemise piiramine", "uk": "обмеження обробки", "ru": "ограничение обработки"},
    "request.type.objection": {
        "en": "objection to processing", "lv": "iebildums pret apstrādi", "lt": "nesutikimas su tvarkymu",
        "et": "vastuväide töötlemisele", "uk": "заперечення проти обробки", "ru": "возражение против обработки"},
    "request.type.portability": {
        "en": "a portable copy of the data you provided", "lv": "jūsu sniegto datu pārnesama kopija",
        "lt": "jūsų pateiktų duomenų perkeliama kopija", "et": "teie esitatud andmete ülekantav koopia",
        "uk": "копія наданих вами даних у переносному форматі", "ru": "копия предоставленных вами данных в переносимом формате"},
    "request.type.withdraw_consent": {
        "en": "withdrawal of consent", "lv": "piekrišanas atsaukšana", "lt": "sutikimo atšaukimas",
        "et": "nõusoleku tagasivõtmine", "uk": "відкликання згоди", "ru": "отзыв согласия"},
    "request.type.recipients": {
        "en": "the recipients of your data", "lv": "jūsu datu saņēmēji", "lt": "jūsų duomenų gavėjai",
        "et": "teie andmete vastuvõtjad", "uk": "одержувачі ваших даних", "ru": "получатели ваших данных"},
    "request.type.automated_decision_review": {
        "en": "human review of an automated decision", "lv": "automatizēta lēmuma pārskatīšana, iesaistot cilvēku",
        "lt": "automatizuoto sprendimo peržiūra dalyvaujant žmogui", "et": "automatiseeritud otsuse läbivaatamine inimese poolt",
        "uk": "перегляд автоматизованого рішення людиною", "ru": "пересмотр автоматизированного решения человеком"},

    "table.category": {"en": "Data category", "lv": "Datu kategorija", "lt": "Duomenų kategorija", "et": "Andmekategooria",
                       "uk": "Категорія даних", "ru": "Категория данных"},
    "table.value": {"en": "Value", "lv": "Vērtība", "lt": "Reikšmė", "et": "Väärtus", "uk": "Значення", "ru": "Значение"},
    "table.purpose": {"en": "Collected for", "lv": "Vākts nolūkam", "lt": "Surinkta tikslu", "et": "Kogutud eesmärgil",
                      "uk": "Зібрано для мети", "ru": "Собрано для цели"},
    "table.consents": {"en": "Your consents", "lv": "Jūsu piekrišanas", "lt": "Jūsų sutikimai", "et": "Teie nõusolekud",
                       "uk": "Ваші згоди", "ru": "Ваши согласия"},
    "consent.state.given": {"en": "given", "lv": "dota", "lt": "duotas", "et": "antud", "uk": "надано", "ru": "дано"},
    "consent.state.withdrawn": {"en": "withdrawn", "lv": "atsaukta", "lt": "atšauktas", "et": "tagasi võetud",
                                "uk": "відкликано", "ru": "отозвано"},
    "export.notice": {
        "en": "The enclosed notice.html explains the purposes and legal bases of processing, the recipients, how long data is kept, your rights, the source of data and how to complain (Article 15(1) GDPR). data.json holds the same data in machine-readable form.",
        "lv": "Pievienotajā failā notice.html ir izskaidroti apstrādes nolūki un juridiskie pamati, saņēmēji, datu glabāšanas ilgums, jūsu tiesības, datu avots un sūdzību iesniegšanas kārtība (VDAR 15. panta 1. punkts). Failā data.json ir tie paši dati mašīnlasāmā formā.",
        "lt": "Pridėtame faile notice.html paaiškinti tvarkymo tikslai ir teisiniai pagrindai, gavėjai, duomenų saugojimo laikas, jūsų teisės, duomenų šaltinis ir skundų pateikimo tvarka (BDAR 15 straipsnio 1 dalis). Faile data.json pateikti tie patys duomenys kompiuterio skaitoma forma.",
        "et": "Lisatud failis notice.html on selgitatud töötlemise eesmärgid ja õiguslikud alused, vastuvõtjad, andmete säilitamise aeg, teie õigused, andmete allikas ja kaebuse esitamise kord (isikuandmete kaitse üldmääruse artikli 15 lõige 1). Fail data.json sisaldab samu andmeid masinloetaval kujul.",
        "uk": "У доданому файлі notice.html пояснено мету та правові підстави обробки, одержувачів, строки зберігання даних, ваші права, джерело даних і порядок подання скарги. Файл data.json містить ті самі дані в машиночитній формі.",
        "ru": "В приложенном файле notice.html объяснены цели и правовые основания обработки, получатели, сроки хранения данных, ваши права, источник данных и порядок подачи жалобы. Файл data.json содержит те же данные в машиночитаемом виде."},

    "message.greeting": {
        "en": "Hello,", "lv": "Labdien!", "lt": "Laba diena,", "et": "Tere!", "uk": "Доброго дня!", "ru": "Здравствуйте!"},
    "message.signature": {
        "en": "Kind regards,\n{controller}", "lv": "Ar cieņu\n{controller}", "lt": "Pagarbiai\n{controller}",
        "et": "Lugupidamisega\n{controller}", "uk": "З повагою\n{controller}", "ru": "С уважением,\n{controller}"},
    "message.reference": {
        "en": "Request reference: {reference}", "lv": "Pieprasījuma numurs: {reference}", "lt": "Prašymo numeris: {reference}",
        "et": "Taotluse viide: {reference}", "uk": "Номер запиту: {reference}", "ru": "Номер запроса: {reference}"},

    "message.verification.subject": {
        "en": "Your verification code", "lv": "Jūsu verifikācijas kods", "lt": "Jūsų patvirtinimo kodas",
        "et": "Teie kinnituskood", "uk": "Ваш код підтвердження", "ru": "Ваш код подтверждения"},
    "message.verification.body": {
        "en": "To confirm that the request ({type}) is yours, enter this code: {code}\nThe code is valid for {minutes} minutes. If you did not make this request, you can ignore this message.",
        "lv": "Lai apstiprinātu, ka pieprasījumu ({type}) iesniedzāt jūs, ievadiet šo kodu: {code}\nKods ir derīgs {minutes} minūtes. Ja jūs šo pieprasījumu neiesniedzāt, šo ziņu varat neņemt vērā.",
        "lt": "Kad patvirtintumėte, jog prašymą ({type}) pateikėte jūs, įveskite šį kodą: {code}\nKodas galioja {minutes} min. Jei šio prašymo nepateikėte, į šį laišką galite nekreipti dėmesio.",
        "et": "Et kinnitada, et taotluse ({type}) esitasite teie, sisestage see kood: {code}\nKood kehtib {minutes} minutit. Kui te seda taotlust ei esitanud, võite selle sõnumi tähelepanuta jätta.",
        "uk": "Щоб підтвердити, що запит ({type}) подали ви, введіть цей код: {code}\nКод дійсний {minutes} хв. Якщо ви не подавали цього запиту, просто проігноруйте це повідомлення.",
        "ru": "Чтобы подтвердить, что запрос ({type}) подали вы, введите этот код: {code}\nКод действителен {minutes} мин. Если вы не подавали этот запрос, просто проигнорируйте это сообщение."},

    "message.acknowledgement.subject": {
        "en": "We have received your request", "lv": "Esam saņēmuši jūsu pieprasījumu", "lt": "Gavome jūsų prašymą",
        "et": "Oleme teie taotluse kätte saanud", "uk": "Ми отримали ваш запит", "ru": "Мы получили ваш запрос"},
    "message.acknowledgement.body": {
        "en": "We received your request ({type}) on {received}. We will answer without undue delay and by {due} at the latest.",
        "lv": "Jūsu pieprasījumu ({type}) saņēmām {received}. Atbildēsim bez nepamatotas kavēšanās, vēlākais līdz {due}.",
        "lt": "Jūsų prašymą ({type}) gavome {received}. Atsakysime nepagrįstai nedelsdami, ne vėliau kaip iki {due}.",
        "et": "Saime teie taotluse ({type}) kätte {received}. Vastame põhjendamatu viivituseta, hiljemalt {due}.",
        "uk": "Ми отримали ваш запит ({type}) {received}. Ми відповімо без зайвої затримки, не пізніше {due}.",
        "ru": "Мы получили ваш запрос ({type}) {received}. Мы ответим без неоправданной задержки, не позднее {due}."},

    "message.extension.subject": {
        "en": "We need more time to answer your request", "lv": "Mums nepieciešams vairāk laika, lai atbildētu uz jūsu pieprasījumu",
        "lt": "Jūsų prašymui išnagrinėti mums reikia daugiau laiko", "et": "Vajame teie taotlusele vastamiseks rohkem aega",
        "uk": "Нам потрібно більше часу, щоб відповісти на ваш запит", "ru": "Нам нужно больше времени, чтобы ответить на ваш запрос"},
    "message.extension.body": {
        "en": "We are extending the time to answer your request ({type}) until {due}. The reasons: {reasons}",
        "lv": "Mēs pagarinām termiņu atbildei uz jūsu pieprasījumu ({type}) līdz {due}. Iemesli: {reasons}",
        "lt": "Atsakymo į jūsų prašymą ({type}) terminą pratęsiame iki {due}. Priežastys: {reasons}",
        "et": "Pikendame teie taotlusele ({type}) vastamise tähtaega kuni {due}. Põhjused: {reasons}",
        "uk": "Ми продовжуємо строк відповіді на ваш запит ({type}) до {due}. Причини: {reasons}",
        "ru": "Мы продлеваем срок ответа на ваш запрос ({type}) до {due}. Причины: {reasons}"},

    "message.completed.subject": {
        "en": "Your request has been carried out", "lv": "Jūsu pieprasījums ir izpildīts", "lt": "Jūsų prašymas įvykdytas",
        "et": "Teie taotlus on täidetud", "uk": "Ваш запит виконано", "ru": "Ваш запрос выполнен"},
    "message.completed.access": {
        "en": "Your copy of your personal data and the information about its processing are ready.",
        "lv": "Jūsu personas datu kopija un informācija par to apstrādi ir sagatavota.",
        "lt": "Jūsų asmens duomenų kopija ir informacija apie jų tvarkymą parengtos.",
        "et": "Teie isikuandmete koopia ja teave nende töötlemise kohta on valmis.",
        "uk": "Копію ваших персональних даних та інформацію про їх обробку підготовлено.",
        "ru": "Копия ваших персональных данных и информация об их обработке подготовлены."},
    "message.completed.access.none": {
        "en": "We do not process any personal data about you.", "lv": "Mēs neapstrādājam jūsu personas datus.",
        "lt": "Jūsų asmens duomenų netvarkome.", "et": "Me ei töötle teie isikuandmeid.",
        "uk": "Ми не обробляємо ваших персональних даних.", "ru": "Мы не обрабатываем ваши персональные данные."},
    "message.completed.portability": {
        "en": "The data you provided to us is ready in a structured, commonly used and machine-readable format.",
        "lv": "Jūsu mums sniegtie dati ir sagatavoti strukturētā, plaši izmantotā un mašīnlasāmā formātā.",
        "lt": "Jūsų mums pateikti duomenys parengti susistemintu, įprastai naudojamu ir kompiuterio skaitomu formatu.",
        "et": "Teie meile esitatud andmed on valmis struktureeritud, üldkasutatavas ja masinloetavas vormingus.",
        "uk": "Надані вами дані підготовлено у структурованому, загальновживаному та машиночитному форматі.",
        "ru": "Предоставленные вами данные подготовлены в структурированном, общепринятом и машиночитаемом формате."},
    "message.download": {
        "en": "Download it here until {expires}: {link}", "lv": "Lejupielādējiet to šeit līdz {expires}: {link}",
        "lt": "Atsisiųskite čia iki {expires}: {link}", "et": "Laadige see alla siit kuni {expires}: {link}",
        "uk": "Завантажте тут до {expires}: {link}", "ru": "Скачайте здесь до {expires}: {link}"},
    "message.completed.rectification": {
        "en": "We have corrected your data as you asked.", "lv": "Mēs esam izlabojuši jūsu datus, kā lūdzāt.",
        "lt": "Jūsų duomenis ištaisėme, kaip prašėte.", "et": "Oleme teie andmed parandanud, nagu palusite.",
        "uk": "Ми виправили ваші дані, як ви просили.", "ru": "Мы исправили ваши данные, как вы просили."},
    "message.completed.erasure": {
        "en": "We have erased your personal data.", "lv": "Mēs esam dzēsuši jūsu personas datus.",
        "lt": "Jūsų asmens duomenis ištrynėme.", "et": "Oleme teie isikuandmed kustutanud.",
        "uk": "Ми знищили ваші персональні дані.", "ru": "Мы удалили ваши персональные данные."},
    "message.completed.erasure.partial": {
        "en": "We have erased your personal data, except the following data, which we must keep:",
        "lv": "Mēs esam dzēsuši jūsu personas datus, izņemot šādus datus, kas mums jāglabā:",
        "lt": "Jūsų asmens duomenis ištrynėme, išskyrus šiuos duomenis, kuriuos privalome saugoti:",
        "et": "Oleme teie isikuandmed kustutanud, välja arvatud järgmised andmed, mida peame säilitama:",
        "uk": "Ми знищили ваші персональні дані, крім таких даних, які ми зобов’язані зберігати:",
        "ru": "Мы удалили ваши персональные данные, кроме следующих данных, которые мы обязаны хранить:"},
    "message.kept.line": {
        "en": "{category}: {ground}, {until}.", "lv": "{category}: {ground}, {until}.", "lt": "{category}: {ground}, {until}.",
        "et": "{category}: {ground}, {until}.", "uk": "{category}: {ground}, {until}.", "ru": "{category}: {ground}, {until}."},
    "message.kept.restricted": {
        "en": "We only store this data and use it for nothing else until then.",
        "lv": "Līdz tam mēs šos datus tikai glabājam un neizmantojam citiem nolūkiem.",
        "lt": "Iki tol šiuos duomenis tik saugome ir kitais tikslais nenaudojame.",
        "et": "Seni me neid andmeid ainult säilitame ega kasuta muuks.",
        "uk": "До того часу ми лише зберігаємо ці дані й не використовуємо їх для інших цілей.",
        "ru": "До этого времени мы только храним эти данные и не используем их для других целей."},
    "message.ground.legal_obligation": {
        "en": "the law requires us to keep it ({law})", "lv": "to glabāt mums uzliek likums ({law})",
        "lt": "ją saugoti mus įpareigoja teisės aktas ({law})", "et": "seadus kohustab meid neid säilitama ({law})",
        "uk": "закон зобов’язує нас їх зберігати ({law})", "ru": "закон обязывает нас их хранить ({law})"},
    "message.ground.legal_claims": {
        "en": "it is needed to establish, exercise or defend legal claims", "lv": "tie nepieciešami likumīgu prasījumu celšanai, īstenošanai vai aizstāvēšanai",
        "lt": "jų reikia teisiniams reikalavimams pareikšti, vykdyti ar apginti", "et": "neid on vaja õigusnõuete koostamiseks, esitamiseks või kaitsmiseks",
        "uk": "вони потрібні для пред’явлення, здійснення чи захисту правових вимог", "ru": "они нужны для предъявления, осуществления или защиты правовых требований"},
    "message.ground.legal_hold": {
        "en": "it is subject to a legal hold", "lv": "uz tiem attiecas juridiska saglabāšanas prasība",
        "lt": "jiems taikomas teisinis saugojimo įpareigojimas", "et": "nende suhtes kehtib õiguslik säilitamiskohustus",
        "uk": "щодо них діє юридична вимога про збереження", "ru": "в отношении них действует юридическое требование о сохранении"},
    "message.ground.contract_in_force": {
        "en": "it is needed for the contract in force with you", "lv": "tie nepieciešami ar jums spēkā esošā līguma izpildei",
        "lt": "jų reikia su jumis galiojančiai sutarčiai vykdyti", "et": "neid on vaja teiega kehtiva lepingu täitmiseks",
        "uk": "вони потрібні для виконання чинного договору з вами", "ru": "они нужны для исполнения действующего договора с вами"},
    "message.until.date": {
        "en": "until {date}", "lv": "līdz {date}", "lt": "iki {date}", "et": "kuni {date}", "uk": "до {date}", "ru": "до {date}"},
    "message.until.open": {
        "en": "for as long as this reason applies", "lv": "kamēr šis iemesls pastāv", "lt": "kol galioja ši priežastis",
        "et": "seni, kuni see põhjus kehtib", "uk": "доки діє ця підстава", "ru": "пока действует это основание"},
    "message.completed.restriction": {
        "en": "We have restricted the processing of your data: until the restriction is lifted we only store it, or use it to establish, exercise or defend legal claims. We will tell you before the restriction is lifted.",
        "lv": "Mēs esam ierobežojuši jūsu datu apstrādi: līdz ierobežojuma atcelšanai mēs tos tikai glabājam vai izmantojam likumīgu prasījumu celšanai, īstenošanai vai aizstāvēšanai. Pirms ierobežojuma atcelšanas mēs jūs informēsim.",
        "lt": "Apribojome jūsų duomenų tvarkymą: kol apribojimas nebus panaikintas, duomenis tik saugome arba naudojame teisiniams reikalavimams pareikšti, vykdyti ar apginti. Prieš panaikindami apribojimą, jus informuosime.",
        "et": "Oleme teie andmete töötlemist piiranud: kuni piirangu lõpetamiseni me neid ainult säilitame või kasutame õigusnõuete koostamiseks, esitamiseks või kaitsmiseks. Teavitame teid enne piirangu lõpetamist.",
        "uk": "Ми обмежили обробку ваших даних: до зняття обмеження ми лише зберігаємо їх або використовуємо для пред’явлення, здійснення чи захисту правових вимог. Ми повідомимо вас перед зняттям обмеження.",
        "ru": "Мы ограничили обработку ваших данных: до снятия ограничения мы только храним их или используем для предъявления, осуществления или защиты правовых требований. Мы сообщим вам перед снятием ограничения."},
    "message.completed.objection": {
        "en": "We have stopped processing your data for: {purposes}.", "lv": "Mēs esam pārtraukuši jūsu datu apstrādi šādiem nolūkiem: {purposes}.",
        "lt": "Nutraukėme jūsų duomenų tvarkymą šiais tikslais: {purposes}.", "et": "Oleme lõpetanud teie andmete töötlemise järgmistel eesmärkidel: {purposes}.",
        "uk": "Ми припинили обробку ваших даних для таких цілей: {purposes}.", "ru": "Мы прекратили обработку ваших данных для следующих целей: {purposes}."},
    "message.completed.objection.marketing": {
        "en": "We will no longer use your data for direct marketing.", "lv": "Mēs vairs neizmantosim jūsu datus tiešajai tirgvedībai.",
        "lt": "Jūsų duomenų nebenaudosime tiesioginei rinkodarai.", "et": "Me ei kasuta teie andmeid enam otseturunduseks.",
        "uk": "Ми більше не використовуватимемо ваші дані для прямого маркетингу.", "ru": "Мы больше не будем использовать ваши данные для прямого маркетинга."},
    "message.completed.withdraw_consent": {
        "en": "Your consent has been withdrawn for: {purposes}. This does not affect the lawfulness of processing before the withdrawal.",
        "lv": "Jūsu piekrišana ir atsaukta šādiem nolūkiem: {purposes}. Tas neietekmē apstrādes likumību pirms atsaukšanas.",
        "lt": "Jūsų sutikimas atšauktas šiais tikslais: {purposes}. Tai neturi įtakos iki atšaukimo vykdyto tvarkymo teisėtumui.",
        "et": "Teie nõusolek on tagasi võetud järgmistel eesmärkidel: {purposes}. See ei mõjuta enne tagasivõtmist toimunud töötlemise seaduslikkust.",
        "uk": "Вашу згоду відкликано для таких цілей: {purposes}. Це не впливає на законність обробки до відкликання.",
        "ru": "Ваше согласие отозвано для следующих целей: {purposes}. Это не влияет на законность обработки до отзыва."},
    "message.completed.recipients": {
        "en": "We have disclosed your personal data to the following recipients:", "lv": "Jūsu personas datus esam izpauduši šādiem saņēmējiem:",
        "lt": "Jūsų asmens duomenis atskleidėme šiems gavėjams:", "et": "Oleme teie isikuandmeid avaldanud järgmistele vastuvõtjatele:",
        "uk": "Ми передали ваші персональні дані таким одержувачам:", "ru": "Мы передали ваши персональные данные следующим получателям:"},
    "message.completed.recipients.none": {
        "en": "We have not disclosed your personal data to any recipient.", "lv": "Jūsu personas datus neesam izpauduši nevienam saņēmējam.",
        "lt": "Jūsų asmens duomenų neatskleidėme jokiems gavėjams.", "et": "Me ei ole teie isikuandmeid ühelegi vastuvõtjale avaldanud.",
        "uk": "Ми не передавали ваші персональні дані жодним одержувачам.", "ru": "Мы не передавали ваши персональные данные никаким получателям."},
    "message.completed.automated_decision_review": {
        "en": "A member of our staff has reviewed the automated decision.", "lv": "Mūsu darbinieks ir pārskatījis automatizēto lēmumu.",
        "lt": "Mūsų darbuotojas peržiūrėjo automatizuotą sprendimą.", "et": "Meie töötaja on automatiseeritud otsuse läbi vaadanud.",
        "uk": "Наш працівник переглянув автоматизоване рішення.", "ru": "Наш сотрудник пересмотрел автоматизированное решение."},
    "message.recipients.told": {
        "en": "We have informed the recipients of your data of this change: {recipients}.",
        "lv": "Par šīm izmaiņām esam informējuši jūsu datu saņēmējus: {recipients}.",
        "lt": "Apie šį pakeitimą informavome jūsų duomenų gavėjus: {recipients}.",
        "et": "Oleme sellest muudatusest teavitanud teie andmete vastuvõtjaid: {recipients}.",
        "uk": "Ми повідомили про цю зміну одержувачів ваших даних: {recipients}.",
        "ru": "Мы сообщили об этом изменении получателям ваших данных: {recipients}."},
    "message.note": {
        "en": "Note: {note}", "lv": "Piezīme: {note}", "lt": "Pastaba: {note}", "et": "Märkus: {note}",
        "uk": "Примітка: {note}", "ru": "Примечание: {note}"},
    "message.fee": {
        "en": "Because the request is manifestly unfounded or excessive, a fee of {fee} applies: {reason}",
        "lv": "Tā kā pieprasījums ir acīmredzami nepamatots vai pārmērīgs, par to jāmaksā {fee}: {reason}",
        "lt": "Kadangi prašymas akivaizdžiai nepagrįstas arba neproporcingas, taikomas {fee} mokestis: {reason}",
        "et": "Kuna taotlus on ilmselgelt põhjendamatu või ülemäärane, tuleb tasuda {fee}: {reason}",
        "uk": "Оскільки запит є явно необґрунтованим або надмірним, стягується плата {fee}: {reason}",
        "ru": "Поскольку запрос явно необоснован или чрезмерен, взимается плата {fee}: {reason}"},

    "message.rejected.subject": {
        "en": "We cannot act on your request", "lv": "Mēs nevaram izpildīt jūsu pieprasījumu", "lt": "Negalime įvykdyti jūsų prašymo",
        "et": "Me ei saa teie taotlust täita", "uk": "Ми не можемо виконати ваш запит", "ru": "Мы не можем выполнить ваш запрос"},
    "message.rejected.body": {
        "en": "We cannot act on your request ({type}) for these reasons: {reasons}",
        "lv": "Mēs nevaram izpildīt jūsu pieprasījumu ({type}) šādu iemeslu dēļ: {reasons}",
        "lt": "Negalime įvykdyti jūsų prašymo ({type}) dėl šių priežasčių: {reasons}",
        "et": "Me ei saa teie taotlust ({type}) täita järgmistel põhjustel: {reasons}",
        "uk": "Ми не можемо виконати ваш запит ({type}) з таких причин: {reasons}",
        "ru": "Мы не можем выполнить ваш запрос ({type}) по следующим причинам: {reasons}"},
    "message.remedies": {
        "en": "You may lodge a complaint with the supervisory authority, {authority} ({website}), and seek a judicial remedy.",
        "lv": "Jūs varat iesniegt sūdzību uzraudzības iestādē – {authority} ({website}) – un vērsties tiesā.",
        "lt": "Galite pateikti skundą priežiūros institucijai – {authority} ({website}) – ir kreiptis į teismą.",
        "et": "Võite esitada kaebuse järelevalveasutusele – {authority} ({website}) – ja pöörduda kohtusse.",
        "uk": "Ви можете подати скаргу до наглядового органу – {authority} ({website}) – та звернутися до суду.",
        "ru": "Вы можете подать жалобу в надзорный орган – {authority} ({website}) – и обратиться в суд."},

    "message.restriction_lift.subject": {
        "en": "The restriction of processing of your data will be lifted", "lv": "Jūsu datu apstrādes ierobežojums tiks atcelts",
        "lt": "Jūsų duomenų tvarkymo apribojimas bus panaikintas", "et": "Teie andmete töötlemise piirang lõpetatakse",
        "uk": "Обмеження обробки ваших даних буде знято", "ru": "Ограничение обработки ваших данных будет снято"},
    "message.restriction_lift.body": {
        "en": "We are informing you in advance that the restriction of processing of your data will be lifted on {date}. The reason: {reason}",
        "lv": "Iepriekš informējam, ka jūsu datu apstrādes ierobežojums tiks atcelts {date}. Iemesls: {reason}",
        "lt": "Iš anksto informuojame, kad jūsų duomenų tvarkymo apribojimas bus panaikintas {date}. Priežastis: {reason}",
        "et": "Teatame ette, et teie andmete töötlemise piirang lõpetatakse {date}. Põhjus: {reason}",
        "uk": "Заздалегідь повідомляємо, що обмеження обробки ваших даних буде знято {date}. Причина: {reason}",
        "ru": "Заранее сообщаем, что ограничение обработки ваших данных будет снято {date}. Причина: {reason}"},

    "message.consent_renewal.subject": {
        "en": "Your consent will soon expire", "lv": "Jūsu piekrišanas termiņš drīz beigsies",
        "lt": "Jūsų sutikimo galiojimas netrukus baigsis", "et": "Teie nõusolek aegub peagi",
        "uk": "Строк дії вашої згоди незабаром закінчиться", "ru": "Срок действия вашего согласия скоро истекает"},
    "message.consent_renewal.body": {
        "en": "Your consent for “{purpose}” ends on {date}. If you wish us to continue, please give your consent again, for example by writing to {contact}. If you do nothing, we will stop on that day.",
        "lv": "Jūsu piekrišana mērķim “{purpose}” beigsies {date}. Ja vēlaties, lai mēs turpinām, lūdzu, dodiet piekrišanu atkārtoti, piemēram, rakstot uz {contact}. Ja neko nedarīsiet, mēs šajā dienā pārtrauksim.",
        "lt": "Jūsų sutikimas tikslui „{purpose}“ baigia galioti {date}. Jei norite, kad tęstume, prašome duoti sutikimą iš naujo, pavyzdžiui, parašę adresu {contact}. Jei nieko nedarysite, tą dieną nutrauksime.",
        "et": "Teie nõusolek eesmärgile „{purpose}“ lõpeb {date}. Kui soovite, et jätkaksime, andke palun nõusolek uuesti, näiteks kirjutades aadressil {contact}. Kui te midagi ei tee, lõpetame sel päeval.",
        "uk": "Ваша згода на мету «{purpose}» закінчується {date}. Якщо ви бажаєте, щоб ми продовжували, будь ласка, надайте згоду знову, наприклад, написавши на {contact}. Якщо ви нічого не зробите, ми припинимо цього дня.",
        "ru": "Ваше согласие на цель «{purpose}» истекает {date}. Если вы хотите, чтобы мы продолжали, пожалуйста, дайте согласие снова, например, написав на {contact}. Если вы ничего не сделаете, мы прекратим в этот день."},

    "breach.report.title": {'en': 'Personal data breach notification', 'lv': 'Paziņojums par personas datu aizsardzības pārkāpumu', 'lt': 'Pranešimas apie asmens duomenų saugumo pažeidimą', 'et': 'Teade isikuandmetega seotud rikkumisest', 'uk': 'Повідомлення про порушення безпеки персональних даних', 'ru': 'Уведомление о нарушении безопасности персональных данных'},
    "breach.report.controller": {'en': 'Controller', 'lv': 'Pārzinis', 'lt': 'Duomenų valdytojas', 'et': 'Vastutav töötleja', 'uk': 'Володілець даних', 'ru': 'Оператор'},
    "breach.report.contact": {'en': 'Data protection officer or contact point', 'lv': 'Datu aizsardzības speciālists vai kontaktpunkts', 'lt': 'Duomenų apsaugos pareigūnas arba kontaktinis asmuo', 'et': 'Andmekaitseametnik või kontaktisik', 'uk': 'Відповідальна особа або контактна особа', 'ru': 'Ответственное лицо или контактное лицо'},
    "breach.report.reference": {'en': 'Reference', 'lv': 'Atsauce', 'lt': 'Nuoroda', 'et': 'Viide', 'uk': 'Посилання', 'ru': 'Ссылка'},
    "breach.report.discovered": {'en': 'Became aware', 'lv': 'Kļuva zināms', 'lt': 'Sužinota', 'et': 'Teada saadud', 'uk': 'Стало відомо', 'ru': 'Стало известно'},
    "breach.report.deadline": {'en': 'Notification due', 'lv': 'Paziņošanas termiņš', 'lt': 'Pranešti iki', 'et': 'Teatamise tähtaeg', 'uk': 'Строк повідомлення', 'ru': 'Срок уведомления'},
    "breach.report.notified": {'en': 'Notified', 'lv': 'Paziņots', 'lt': 'Pranešta', 'et': 'Teatatud', 'uk': 'Повідомлено', 'ru': 'Уведомлено'},
    "breach.report.delay": {'en': 'Reasons for the delay', 'lv': 'Kavējuma iemesli', 'lt': 'Vėlavimo priežastys', 'et': 'Viivituse põhjused', 'uk': 'Причини затримки', 'ru': 'Причины задержки'},
    "breach.report.nature": {'en': 'Nature of the breach', 'lv': 'Pārkāpuma raksturs', 'lt': 'Pažeidimo pobūdis', 'et': 'Rikkumise olemus', 'uk': 'Характер порушення', 'ru': 'Характер нарушения'},
    "breach.report.categories": {'en': 'Categories of personal data', 'lv': 'Personas datu kategorijas', 'lt': 'Asmens duomenų kategorijos', 'et': 'Isikuandmete liigid', 'uk': 'Категорії персональних даних', 'ru': 'Категории персональных данных'},
    "breach.report.subjects": {'en': 'Approximate number of data subjects', 'lv': 'Aptuvenais datu subjektu skaits', 'lt': 'Apytikslis duomenų subjektų skaičius', 'et': 'Andmesubjektide ligikaudne arv', 'uk': "Приблизна кількість суб'єктів даних", 'ru': 'Примерное число субъектов данных'},
    "breach.report.records": {'en': 'Approximate number of records', 'lv': 'Aptuvenais ierakstu skaits', 'lt': 'Apytikslis įrašų skaičius', 'et': 'Kirjete ligikaudne arv', 'uk': 'Приблизна кількість записів', 'ru': 'Примерное число записей'},
    "breach.report.consequences": {'en': 'Likely consequences', 'lv': 'Iespējamās sekas', 'lt': 'Galimos pasekmės', 'et': 'Tõenäolised tagajärjed', 'uk': 'Ймовірні наслідки', 'ru': 'Вероятные последствия'},
    "breach.report.measures": {'en': 'Measures taken or proposed', 'lv': 'Veiktie vai plānotie pasākumi', 'lt': 'Taikytos arba siūlomos priemonės', 'et': 'Võetud või kavandatud meetmed', 'uk': 'Вжиті або запропоновані заходи', 'ru': 'Принятые или предлагаемые меры'},
    "breach.report.subjects_informed": {'en': 'Data subjects informed', 'lv': 'Datu subjekti informēti', 'lt': 'Duomenų subjektai informuoti', 'et': 'Andmesubjekte teavitatud', 'uk': "Суб'єктів даних повідомлено", 'ru': 'Субъекты данных уведомлены'},
    "message.breach.subject": {'en': 'A security incident involving your personal data', 'lv': 'Drošības incidents, kas skar jūsu personas datus', 'lt': 'Saugumo incidentas, susijęs su jūsų asmens duomenimis', 'et': 'Teie isikuandmeid puudutav turvaintsident', 'uk': 'Інцидент безпеки, що стосується ваших персональних даних', 'ru': 'Инцидент безопасности, затрагивающий ваши персональные данные'},
    "message.breach.body": {'en': 'We must tell you about a breach of the security of your personal data. What happened: {nature} Likely consequences for you: {consequences} What we have done and propose: {measures} You can contact our data protection officer or contact point: {contact}.', 'lv': 'Mums jāinformē jūs par jūsu personas datu drošības pārkāpumu. Kas notika: {nature} Iespējamās sekas jums: {consequences} Ko esam darījuši un iesakām: {measures} Jūs varat sazināties ar mūsu datu aizsardzības speciālistu vai kontaktpunktu: {contact}.', 'lt': 'Privalome jus informuoti apie jūsų asmens duomenų saugumo pažeidimą. Kas įvyko: {nature} Galimos pasekmės jums: {consequences} Ką padarėme ir ką siūlome: {measures} Galite kreiptis į mūsų duomenų apsaugos pareigūną arba kontaktinį asmenį: {contact}.', 'et': 'Peame teid teavitama teie isikuandmete turvalisuse rikkumisest. Mis juhtus: {nature} Tõenäolised tagajärjed teile: {consequences} Mida oleme teinud ja soovitame: {measures} Võite pöörduda meie andmekaitseametniku või kontaktisiku poole: {contact}.', 'uk': 'Ми повинні повідомити вас про порушення безпеки ваших персональних даних. Що сталося: {nature} Ймовірні наслідки для вас: {consequences} Що ми зробили та пропонуємо: {measures} Ви можете звернутися до нашої відповідальної особи або контактної особи: {contact}.', 'ru': 'Мы должны сообщить вам о нарушении безопасности ваших персональных данных. Что произошло: {nature} Вероятные последствия для вас: {consequences} Что мы сделали и предлагаем: {measures} Вы можете обратиться к нашему ответственному лицу или контактному лицу: {contact}.'},
    "message.policy_change.subject": {'en': 'Changes to our privacy notice', 'lv': 'Izmaiņas mūsu privātuma paziņojumā', 'lt': 'Mūsų privatumo pranešimo pakeitimai', 'et': 'Muudatused meie privaatsusteates', 'uk': 'Зміни в нашому повідомленні про конфіденційність', 'ru': 'Изменения в нашем уведомлении о конфиденциальности'},
    "message.policy_change.intro": {'en': 'We are changing how we process your personal data. The changes take effect on {date}:', 'lv': 'Mēs mainām to, kā apstrādājam jūsu personas datus. Izmaiņas stājas spēkā {date}:', 'lt': 'Keičiame, kaip tvarkome jūsų asmens duomenis. Pakeitimai įsigalioja {date}:', 'et': 'Muudame seda, kuidas teie isikuandmeid töötleme. Muudatused jõustuvad {date}:', 'uk': 'Ми змінюємо порядок обробки ваших персональних даних. Зміни набирають чинності {date}:', 'ru': 'Мы меняем порядок обработки ваших персональных данных. Изменения вступают в силу {date}:'},
    "message.policy_change.consent": {'en': 'The consent you gave earlier does not cover these changes for: {purposes}. We will use your data for this only if you give your consent again.', 'lv': 'Jūsu iepriekš dotā piekrišana neattiecas uz šīm izmaiņām šādiem nolūkiem: {purposes}. Mēs izmantosim jūsu datus šim nolūkam tikai tad, ja jūs piekritīsiet vēlreiz.', 'lt': 'Anksčiau duotas jūsų sutikimas neapima šių pakeitimų šiems tikslams: {purposes}. Jūsų duomenis šiam tikslui naudosime tik jei sutikimą duosite iš naujo.', 'et': 'Teie varem antud nõusolek ei hõlma neid muudatusi järgmistel eesmärkidel: {purposes}. Kasutame teie andmeid selleks ainult siis, kui annate nõusoleku uuesti.', 'uk': 'Надана вами раніше згода не охоплює ці зміни для таких цілей: {purposes}. Ми використовуватимемо ваші дані для цього лише за умови, що ви надасте згоду знову.', 'ru': 'Данное вами ранее согласие не распространяется на эти изменения для следующих целей: {purposes}. Мы будем использовать ваши данные для этого, только если вы дадите согласие снова.'},
    "message.policy_change.link": {'en': 'The new privacy notice: {link}', 'lv': 'Jaunais privātuma paziņojums: {link}', 'lt': 'Naujasis privatumo pranešimas: {link}', 'et': 'Uus privaatsusteade: {link}', 'uk': 'Нове повідомлення про конфіденційність: {link}', 'ru': 'Новое уведомление о конфиденциальности: {link}'},
    "message.policy_change.purpose_added": {'en': 'We will process data for a new purpose: {purpose}.', 'lv': 'Mēs apstrādāsim datus jaunam nolūkam: {purpose}.', 'lt': 'Duomenis tvarkysime naujam tikslui: {purpose}.', 'et': 'Hakkame andmeid töötlema uuel eesmärgil: {purpose}.', 'uk': 'Ми оброблятимемо дані для нової мети: {purpose}.', 'ru': 'Мы будем обрабатывать данные для новой цели: {purpose}.'},
    "message.policy_change.purpose_removed": {'en': 'We stop processing data for: {purpose}.', 'lv': 'Mēs pārtraucam datu apstrādi nolūkam: {purpose}.', 'lt': 'Nutraukiame duomenų tvarkymą tikslu: {purpose}.', 'et': 'Lõpetame andmete töötlemise eesmärgil: {purpose}.', 'uk': 'Ми припиняємо обробку даних для мети: {purpose}.', 'ru': 'Мы прекращаем обработку данных для цели: {purpose}.'},
    "message.policy_change.categories_added": {'en': '{purpose}: we will also use your {category}.', 'lv': '{purpose}: mēs izmantosim arī šādus datus: {category}.', 'lt': '{purpose}: naudosime ir šiuos duomenis: {category}.', 'et': '{purpose}: kasutame ka järgmisi andmeid: {category}.', 'uk': '{purpose}: ми також використовуватимемо такі дані: {category}.', 'ru': '{purpose}: мы также будем использовать следующие данные: {category}.'},
    "message.policy_change.categories_removed": {'en': '{purpose}: we no longer use your {category}.', 'lv': '{purpose}: mēs vairs neizmantojam šādus datus: {category}.', 'lt': '{purpose}: nebenaudojame šių duomenų: {category}.', 'et': '{purpose}: me ei kasuta enam järgmisi andmeid: {category}.', 'uk': '{purpose}: ми більше не використовуємо такі дані: {category}.', 'ru': '{purpose}: мы больше не используем следующие данные: {category}.'},
    "message.policy_change.legal_basis": {'en': '{purpose}: the legal basis becomes {basis}.', 'lv': '{purpose}: juridiskais pamats turpmāk būs {basis}.', 'lt': '{purpose}: teisinis pagrindas bus {basis}.', 'et': '{purpose}: õiguslik alus on edaspidi {basis}.', 'uk': '{purpose}: правовою підставою стає {basis}.', 'ru': '{purpose}: правовым основанием становится {basis}.'},
    "message.policy_change.retention": {'en': '{purpose}: how long we keep the data changes.', 'lv': '{purpose}: mainās datu glabāšanas ilgums.', 'lt': '{purpose}: keičiasi duomenų saugojimo laikas.', 'et': '{purpose}: muutub andmete säilitamise aeg.', 'uk': '{purpose}: змінюється строк зберігання даних.', 'ru': '{purpose}: меняется срок хранения данных.'},
    "message.policy_change.purpose_changed": {'en': '{purpose}: how we process the data changes.', 'lv': '{purpose}: mainās datu apstrādes veids.', 'lt': '{purpose}: keičiasi duomenų tvarkymo būdas.', 'et': '{purpose}: muutub andmete töötlemise viis.', 'uk': '{purpose}: змінюється спосіб обробки даних.', 'ru': '{purpose}: меняется способ обработки данных.'},
    "message.policy_change.recipient_added": {'en': 'A new recipient will receive data: {recipient}.', 'lv': 'Datus saņems jauns saņēmējs: {recipient}.', 'lt': 'Duomenis gaus naujas gavėjas: {recipient}.', 'et': 'Andmeid hakkab saama uus vastuvõtja: {recipient}.', 'uk': 'Дані отримуватиме новий одержувач: {recipient}.', 'ru': 'Данные будет получать новый получатель: {recipient}.'},
    "message.policy_change.recipient_removed": {'en': 'A recipient no longer receives data: {recipient}.', 'lv': 'Saņēmējs vairs nesaņem datus: {recipient}.', 'lt': 'Gavėjas nebegauna duomenų: {recipient}.', 'et': 'Vastuvõtja ei saa enam andmeid: {recipient}.', 'uk': 'Одержувач більше не отримує дані: {recipient}.', 'ru': 'Получатель больше не получает данные: {recipient}.'},
    "message.policy_change.recipient_changed": {'en': '{recipient}: what this recipient receives, or on what terms, changes.', 'lv': '{recipient}: mainās tas, ko šis saņēmējs saņem, vai saņemšanas noteikumi.', 'lt': '{recipient}: keičiasi, ką šis gavėjas gauna arba kokiomis sąlygomis.', 'et': '{recipient}: muutub, mida see vastuvõtja saab või mis tingimustel.', 'uk': '{recipient}: змінюється те, що отримує цей одержувач, або умови отримання.', 'ru': '{recipient}: меняется то, что получает этот получатель, или условия получения.'},
    "message.policy_change.transfer": {'en': '{recipient} will receive or store data in: {countries}.', 'lv': '{recipient} saņems vai glabās datus šeit: {countries}.', 'lt': '{recipient} gaus arba saugos duomenis: {countries}.', 'et': '{recipient} hakkab andmeid saama või säilitama riigis: {countries}.', 'uk': '{recipient} отримуватиме або зберігатиме дані в країні: {countries}.', 'ru': '{recipient} будет получать или хранить данные в стране: {countries}.'},
    "message.policy_change.category_added": {'en': 'We will collect a new kind of data: {category}.', 'lv': 'Mēs vāksim jauna veida datus: {category}.', 'lt': 'Rinksime naujos rūšies duomenis: {category}.', 'et': 'Hakkame koguma uut liiki andmeid: {category}.', 'uk': 'Ми збиратимемо новий вид даних: {category}.', 'ru': 'Мы будем собирать новый вид данных: {category}.'},
    "message.policy_change.category_changed": {'en': 'A kind of data we hold changes or is no longer collected: {category}.', 'lv': 'Mainās vai vairs netiek vākts datu veids: {category}.', 'lt': 'Keičiasi arba nebėra renkama duomenų rūšis: {category}.', 'et': 'Andmeliik muutub või seda enam ei koguta: {category}.', 'uk': 'Змінюється або більше не збирається вид даних: {category}.', 'ru': 'Меняется или больше не собирается вид данных: {category}.'},
    "message.policy_change.controller": {'en': 'The details of the controller or its data protection officer change.', 'lv': 'Mainās pārziņa vai tā datu aizsardzības speciālista dati.', 'lt': 'Keičiasi duomenų valdytojo arba jo duomenų apsaugos pareigūno duomenys.', 'et': 'Muutuvad vastutava töötleja või tema andmekaitseametniku andmed.', 'uk': 'Змінюються відомості про володільця даних або відповідальну особу.', 'ru': 'Меняются сведения об операторе или ответственном лице.'},
    "message.policy_change.jurisdiction": {'en': 'The law that applies to the processing changes.', 'lv': 'Mainās apstrādei piemērojamie tiesību akti.', 'lt': 'Keičiasi tvarkymui taikoma teisė.', 'et': 'Muutub töötlemise suhtes kohaldatav õigus.', 'uk': 'Змінюється законодавство, що застосовується до обробки.', 'ru': 'Меняется законодательство, применимое к обработке.'},
    "exercise.signature.handwritten": {'en': 'A request sent by e-mail must carry a handwritten signature (a scan of the signed request).', 'lv': 'Pa e-pastu nosūtītam pieprasījumam jābūt parakstītam ar roku (parakstīta pieprasījuma skenēta kopija).', 'lt': 'Elektroniniu paštu siunčiamas prašymas turi būti pasirašytas ranka (pasirašyto prašymo skenuota kopija).', 'et': 'E-postiga saadetud taotlus peab kandma omakäelist allkirja (allkirjastatud taotluse skaneeritud koopia).', 'uk': 'Запит, надісланий електронною поштою, має містити власноручний підпис (скан-копія підписаного запиту).', 'ru': 'Запрос, отправленный по электронной почте, должен содержать собственноручную подпись (скан подписанного запроса).'},
    "exercise.signature.channel": {'en': 'A request made this way must carry {signature}: {channel}.', 'lv': 'Šādā veidā iesniegtam pieprasījumam jābūt parakstītam ({signature}): {channel}.', 'lt': 'Šiuo būdu pateiktas prašymas turi būti pasirašytas ({signature}): {channel}.', 'et': 'Sel viisil esitatud taotlus peab olema allkirjastatud ({signature}): {channel}.', 'uk': 'Запит, поданий у такий спосіб, має бути підписаний ({signature}): {channel}.', 'ru': 'Запрос, поданный таким способом, должен быть подписан ({signature}): {channel}.'},
    "exercise.signature.exempt": {'en': 'No signature is needed for: {types}.', 'lv': 'Paraksts nav nepieciešams šādiem pieprasījumiem: {types}.', 'lt': 'Parašo nereikia šiems prašymams: {types}.', 'et': 'Allkirja ei ole vaja järgmiste taotluste puhul: {types}.', 'uk': 'Підпис не потрібен для таких запитів: {types}.', 'ru': 'Подпись не нужна для следующих запросов: {types}.'},
    "signature.kind.electronic": {'en': 'an electronic signature', 'lv': 'elektroniskais paraksts', 'lt': 'elektroninis parašas', 'et': 'elektrooniline allkiri', 'uk': 'електронний підпис', 'ru': 'электронная подпись'},
    "signature.kind.qualified_electronic": {'en': 'a qualified electronic signature', 'lv': 'kvalificēts elektroniskais paraksts', 'lt': 'kvalifikuotas elektroninis parašas', 'et': 'kvalifitseeritud elektrooniline allkiri', 'uk': 'кваліфікований електронний підпис', 'ru': 'квалифицированная электронная подпись'},
    "signature.kind.handwritten": {'en': 'a handwritten signature', 'lv': 'paraksts ar roku', 'lt': 'parašas ranka', 'et': 'omakäeline allkiri', 'uk': 'власноручний підпис', 'ru': 'собственноручная подпись'},
    "message.consent_code.subject": {'en': 'Your code to confirm your consent', 'lv': 'Jūsu kods piekrišanas apstiprināšanai', 'lt': 'Jūsų sutikimo patvirtinimo kodas', 'et': 'Teie kood nõusoleku kinnitamiseks', 'uk': 'Ваш код для підтвердження згоди', 'ru': 'Ваш код для подтверждения согласия'},
    "message.consent_code.body": {'en': 'To confirm your consent to "{purpose}", enter this code: {code}. It is valid for {minutes} minutes. If you did not ask to give this consent, ignore this message: nothing is recorded without the code.', 'lv': 'Lai apstiprinātu savu piekrišanu nolūkam "{purpose}", ievadiet šo kodu: {code}. Tas ir derīgs {minutes} minūtes. Ja jūs nevēlējāties dot šo piekrišanu, neņemiet vērā šo ziņu: bez koda nekas netiek reģistrēts.', 'lt': 'Norėdami patvirtinti sutikimą tikslui „{purpose}“, įveskite šį kodą: {code}. Jis galioja {minutes} min. Jei neprašėte duoti šio sutikimo, nekreipkite dėmesio į šį pranešimą: be kodo niekas neužregistruojama.', 'et': 'Nõusoleku kinnitamiseks eesmärgile „{purpose}“ sisestage see kood: {code}. See kehtib {minutes} minutit. Kui te ei soovinud seda nõusolekut anda, jätke see sõnum tähelepanuta: ilma koodita midagi ei registreerita.', 'uk': 'Щоб підтвердити згоду на мету «{purpose}», введіть цей код: {code}. Він дійсний {minutes} хвилин. Якщо ви не збиралися надавати цю згоду, не зважайте на це повідомлення: без коду нічого не реєструється.', 'ru': 'Чтобы подтвердить согласие на цель «{purpose}», введите этот код: {code}. Он действует {minutes} минут. Если вы не собирались давать это согласие, не обращайте внимания на это сообщение: без кода ничего не регистрируется.'},
    "page.skip": {'en': 'Skip to content', 'lv': 'Pāriet uz saturu', 'lt': 'Pereiti prie turinio', 'et': 'Liigu sisu juurde', 'uk': 'Перейти до змісту', 'ru': 'Перейти к содержанию'},
    "page.languages": {'en': 'Language', 'lv': 'Valoda', 'lt': 'Kalba', 'et': 'Keel', 'uk': 'Мова', 'ru': 'Язык'},
    "page.notice": {'en': 'Privacy notice', 'lv': 'Privātuma paziņojums', 'lt': 'Privatumo pranešimas', 'et': 'Privaatsusteade', 'uk': 'Повідомлення про конфіденційність', 'ru': 'Уведомление о конфиденциальности'},
    "page.unsubscribe.title": {'en': 'Unsubscribe', 'lv': 'Atteikties no saņemšanas', 'lt': 'Atsisakyti prenumeratos', 'et': 'Loobu tellimusest', 'uk': 'Відписатися', 'ru': 'Отписаться'},
    "page.unsubscribe.ask": {'en': 'Stop receiving “{purpose}” by {channel}? One click is enough; nothing else changes.', 'lv': 'Vai pārtraukt saņemt “{purpose}” ({channel})? Pietiek ar vienu klikšķi; nekas cits nemainās.', 'lt': 'Nebegauti „{purpose}“ ({channel})? Užtenka vieno paspaudimo; niekas kita nesikeičia.', 'et': 'Kas lõpetada „{purpose}“ saamine ({channel})? Piisab ühest klõpsust; muu ei muutu.', 'uk': 'Припинити отримувати «{purpose}» ({channel})? Достатньо одного натискання; більше нічого не зміниться.', 'ru': 'Прекратить получать «{purpose}» ({channel})? Достаточно одного нажатия; больше ничего не изменится.'},
    "page.unsubscribe.button": {'en': 'Unsubscribe', 'lv': 'Atteikties', 'lt': 'Atsisakyti', 'et': 'Loobu', 'uk': 'Відписатися', 'ru': 'Отписаться'},
    "page.unsubscribe.done": {'en': 'Done: you will no longer receive “{purpose}” by {channel}. You can give your consent again at any time.', 'lv': 'Gatavs: jūs vairs nesaņemsiet “{purpose}” ({channel}). Piekrišanu varat atkal dot jebkurā laikā.', 'lt': 'Atlikta: nebegausite „{purpose}“ ({channel}). Sutikimą galite vėl duoti bet kada.', 'et': 'Valmis: te ei saa enam „{purpose}“ ({channel}). Nõusoleku võite igal ajal uuesti anda.', 'uk': 'Готово: ви більше не отримуватимете «{purpose}» ({channel}). Ви можете знову надати згоду будь-коли.', 'ru': 'Готово: вы больше не будете получать «{purpose}» ({channel}). Вы можете снова дать согласие в любое время.'},
    "page.unsubscribe.done_objection": {'en': 'Done: we will no longer use your data for direct marketing.', 'lv': 'Gatavs: mēs vairs neizmantosim jūsu datus tiešajai tirgvedībai.', 'lt': 'Atlikta: nebenaudosime jūsų duomenų tiesioginei rinkodarai.', 'et': 'Valmis: me ei kasuta enam teie andmeid otseturunduseks.', 'uk': 'Готово: ми більше не використовуватимемо ваші дані для прямого маркетингу.', 'ru': 'Готово: мы больше не будем использовать ваши данные для прямого маркетинга.'},
    "page.unsubscribe.invalid_title": {'en': 'This link is not valid', 'lv': 'Šī saite nav derīga', 'lt': 'Ši nuoroda negalioja', 'et': 'See link ei kehti', 'uk': 'Це посилання недійсне', 'ru': 'Эта ссылка недействительна'},
    "page.unsubscribe.invalid": {'en': 'Please use the unsubscribe link from a message you received, or write to our privacy contact.', 'lv': 'Lūdzu, izmantojiet atteikšanās saiti no saņemtās ziņas vai rakstiet mūsu privātuma kontaktpersonai.', 'lt': 'Naudokite atsisakymo nuorodą iš gauto pranešimo arba parašykite mūsų privatumo kontaktiniam asmeniui.', 'et': 'Kasutage saadud sõnumis olevat loobumislinki või kirjutage meie privaatsuskontaktile.', 'uk': 'Скористайтеся посиланням для відписки з отриманого повідомлення або напишіть нашій контактній особі з питань конфіденційності.', 'ru': 'Воспользуйтесь ссылкой для отписки из полученного сообщения или напишите нашему контактному лицу по вопросам конфиденциальности.'},
    "page.channel.email": {'en': 'e-mail', 'lv': 'e-pasts', 'lt': 'el. paštas', 'et': 'e-post', 'uk': 'електронна пошта', 'ru': 'электронная почта'},
    "page.channel.sms": {'en': 'SMS', 'lv': 'SMS', 'lt': 'SMS', 'et': 'SMS', 'uk': 'SMS', 'ru': 'SMS'},
    "page.channel.phone_call": {'en': 'phone call', 'lv': 'tālruņa zvans', 'lt': 'telefono skambutis', 'et': 'telefonikõne', 'uk': 'телефонний дзвінок', 'ru': 'телефонный звонок'},
    "page.channel.automated_call": {'en': 'automated call', 'lv': 'automātisks zvans', 'lt': 'automatinis skambutis', 'et': 'automaatkõne', 'uk': 'автоматичний дзвінок', 'ru': 'автоматический звонок'},
    "page.channel.push": {'en': 'push notification', 'lv': 'push paziņojums', 'lt': 'tiesioginis pranešimas', 'et': 'tõukemärguanne', 'uk': 'push-сповіщення', 'ru': 'push-уведомление'},
    "page.channel.post": {'en': 'post', 'lv': 'pasts', 'lt': 'paštas', 'et': 'post', 'uk': 'пошта', 'ru': 'почта'},
    "page.channel.instant_message": {'en': 'instant message', 'lv': 'tūlītējā ziņa', 'lt': 'momentinė žinutė', 'et': 'kiirsõnum', 'uk': 'миттєве повідомлення', 'ru': 'мгновенное сообщение'},
    "page.channel.social_media": {'en': 'social media', 'lv': 'sociālie tīkli', 'lt': 'socialiniai tinklai', 'et': 'sotsiaalmeedia', 'uk': 'соціальні мережі', 'ru': 'социальные сети'},
    'page.center.title': {'en': 'Privacy center', 'lv': 'Privātuma centrs', 'lt': 'Privatumo centras', 'et': 'Privaatsuskeskus', 'uk': 'Центр конфіденційності', 'ru': 'Центр конфиденциальности'},
    'page.center.intro': {'en': 'Here you can exercise your rights over the personal data {controller} holds about you. It is free of charge.', 'lv': 'Šeit varat īstenot savas tiesības attiecībā uz personas datiem, ko {controller} par jums glabā. Tas ir bez maksas.', 'lt': 'Čia galite įgyvendinti savo teises į asmens duomenis, kuriuos apie jus saugo {controller}. Tai nemokama.', 'et': 'Siin saate kasutada oma õigusi isikuandmete suhtes, mida {controller} teie kohta hoiab. See on tasuta.', 'uk': 'Тут ви можете реалізувати свої права щодо персональних даних, які {controller} зберігає про вас. Це безкоштовно.', 'ru': 'Здесь вы можете осуществить свои права в отношении персональных данных, которые {controller} хранит о вас. Это бесплатно.'},
    'page.center.controller': {'en': 'Controller', 'lv': 'Pārzinis', 'lt': 'Duomenų valdytojas', 'et': 'Vastutav töötleja', 'uk': 'Володілець даних', 'ru': 'Оператор'},
    'page.center.dpo': {'en': 'Data protection contact', 'lv': 'Datu aizsardzības kontaktpersona', 'lt': 'Duomenų apsaugos kontaktinis asmuo', 'et': 'Andmekaitse kontaktisik', 'uk': 'Контактна особа з питань захисту даних', 'ru': 'Контактное лицо по защите данных'},
    'page.center.authority': {'en': 'You may complain to the supervisory authority', 'lv': 'Jūs varat iesniegt sūdzību uzraudzības iestādei', 'lt': 'Galite pateikti skundą priežiūros institucijai', 'et': 'Võite esitada kaebuse järelevalveasutusele', 'uk': 'Ви можете подати скаргу до наглядового органу', 'ru': 'Вы можете подать жалобу в надзорный орган'},
    'page.center.notice_intro': {'en': 'How and why we process your data is explained in the privacy notice.', 'lv': 'Kā un kāpēc mēs apstrādājam jūsu datus, ir paskaidrots privātuma paziņojumā.', 'lt': 'Kaip ir kodėl tvarkome jūsų duomenis, paaiškinta privatumo pranešime.', 'et': 'Kuidas ja miks me teie andmeid töötleme, on selgitatud privaatsusteates.', 'uk': 'Як і навіщо ми обробляємо ваші дані, пояснено в повідомленні про конфіденційність.', 'ru': 'Как и зачем мы обрабатываем ваши данные, объяснено в уведомлении о конфиденциальности.'},
    'page.center.rights': {'en': 'Make a request', 'lv': 'Iesniegt pieprasījumu', 'lt': 'Pateikti prašymą', 'et': 'Esitada taotlus', 'uk': 'Подати запит', 'ru': 'Подать запрос'},
    'page.center.rights_intro': {'en': 'Choose what you want us to do. We answer within the time the law gives.', 'lv': 'Izvēlieties, ko vēlaties, lai mēs darām. Mēs atbildam likumā noteiktajā termiņā.', 'lt': 'Pasirinkite, ko norite, kad padarytume. Atsakome per įstatymo nustatytą terminą.', 'et': 'Valige, mida soovite, et me teeksime. Vastame seadusega ettenähtud aja jooksul.', 'uk': 'Оберіть, що ви хочете, щоб ми зробили. Ми відповідаємо у строк, встановлений законом.', 'ru': 'Выберите, что вы хотите, чтобы мы сделали. Мы отвечаем в срок, установленный законом.'},
    'page.form.email': {'en': 'Your e-mail address', 'lv': 'Jūsu e-pasta adrese', 'lt': 'Jūsų el. pašto adresas', 'et': 'Teie e-posti aadress', 'uk': 'Ваша адреса електронної пошти', 'ru': 'Ваш адрес электронной почты'},
    'page.form.email_hint': {'en': 'We send a code to this address to confirm that it is yours.', 'lv': 'Uz šo adresi mēs nosūtīsim kodu, lai pārliecinātos, ka tā pieder jums.', 'lt': 'Į šį adresą išsiųsime kodą, kad patvirtintume, jog jis jūsų.', 'et': 'Saadame sellele aadressile koodi, et kinnitada, et see kuulub teile.', 'uk': 'Ми надішлемо на цю адресу код, щоб підтвердити, що вона ваша.', 'ru': 'Мы отправим на этот адрес код, чтобы подтвердить, что он ваш.'},
    'page.form.submit': {'en': 'Send request', 'lv': 'Nosūtīt pieprasījumu', 'lt': 'Siųsti prašymą', 'et': 'Saada taotlus', 'uk': 'Надіслати запит', 'ru': 'Отправить запрос'},
    'page.form.category': {'en': 'What to correct', 'lv': 'Ko labot', 'lt': 'Ką ištaisyti', 'et': 'Mida parandada', 'uk': 'Що виправити', 'ru': 'Что исправить'},
    'page.form.new_value': {'en': 'The correct value', 'lv': 'Pareizā vērtība', 'lt': 'Teisinga reikšmė', 'et': 'Õige väärtus', 'uk': 'Правильне значення', 'ru': 'Правильное значение'},
    'page.form.purposes': {'en': 'For which purposes', 'lv': 'Kādiem nolūkiem', 'lt': 'Kokiais tikslais', 'et': 'Milliste eesmärkide puhul', 'uk': 'Для яких цілей', 'ru': 'Для каких целей'},
    'page.form.direct_marketing': {'en': 'Direct marketing (always stops at once)', 'lv': 'Tiešā tirgvedība (vienmēr tiek pārtraukta nekavējoties)', 'lt': 'Tiesioginė rinkodara (visada nutraukiama nedelsiant)', 'et': 'Otseturundus (lõpetatakse alati kohe)', 'uk': 'Прямий маркетинг (завжди припиняється негайно)', 'ru': 'Прямой маркетинг (всегда прекращается немедленно)'},
    'page.form.text': {'en': 'Details (optional)', 'lv': 'Sīkāka informācija (nav obligāta)', 'lt': 'Išsami informacija (neprivaloma)', 'et': 'Üksikasjad (valikuline)', 'uk': 'Подробиці (необов’язково)', 'ru': 'Подробности (необязательно)'},
    'page.form.transmit_to': {'en': 'Send the data directly to another company (its address, optional)', 'lv': 'Nosūtīt datus tieši citam uzņēmumam (tā adrese, nav obligāta)', 'lt': 'Siųsti duomenis tiesiogiai kitai įmonei (jos adresas, neprivaloma)', 'et': 'Saata andmed otse teisele ettevõttele (selle aadress, valikuline)', 'uk': 'Надіслати дані безпосередньо іншій компанії (її адреса, необов’язково)', 'ru': 'Отправить данные напрямую другой компании (её адрес, необязательно)'},
    'page.verify.title': {'en': 'Enter the code', 'lv': 'Ievadiet kodu', 'lt': 'Įveskite kodą', 'et': 'Sisestage kood', 'uk': 'Введіть код', 'ru': 'Введите код'},
    'page.verify.intro': {'en': 'If the address is right, we have sent a 6-digit code to it. It is valid for 15 minutes.', 'lv': 'Ja adrese ir pareiza, mēs uz to nosūtījām 6 ciparu kodu. Tas ir derīgs 15 minūtes.', 'lt': 'Jei adresas teisingas, išsiuntėme į jį 6 skaitmenų kodą. Jis galioja 15 minučių.', 'et': 'Kui aadress on õige, saatsime sellele 6-kohalise koodi. See kehtib 15 minutit.', 'uk': 'Якщо адреса правильна, ми надіслали на неї 6-значний код. Він дійсний 15 хвилин.', 'ru': 'Если адрес верный, мы отправили на него 6-значный код. Он действует 15 минут.'},
    'page.verify.code': {'en': 'Code', 'lv': 'Kods', 'lt': 'Kodas', 'et': 'Kood', 'uk': 'Код', 'ru': 'Код'},
    'page.verify.submit': {'en': 'Confirm', 'lv': 'Apstiprināt', 'lt': 'Patvirtinti', 'et': 'Kinnita', 'uk': 'Підтвердити', 'ru': 'Подтвердить'},
    'page.status.title': {'en': 'Your request', 'lv': 'Jūsu pieprasījums', 'lt': 'Jūsų prašymas', 'et': 'Teie taotlus', 'uk': 'Ваш запит', 'ru': 'Ваш запрос'},
    'page.status.type': {'en': 'Request', 'lv': 'Pieprasījums', 'lt': 'Prašymas', 'et': 'Taotlus', 'uk': 'Запит', 'ru': 'Запрос'},
    'page.status.state': {'en': 'Status', 'lv': 'Statuss', 'lt': 'Būsena', 'et': 'Olek', 'uk': 'Статус', 'ru': 'Статус'},
    'page.status.received': {'en': 'Received', 'lv': 'Saņemts', 'lt': 'Gauta', 'et': 'Saadud', 'uk': 'Отримано', 'ru': 'Получен'},
    'page.status.due': {'en': 'Answer due by', 'lv': 'Atbilde līdz', 'lt': 'Atsakymas iki', 'et': 'Vastus hiljemalt', 'uk': 'Відповідь до', 'ru': 'Ответ до'},
    'page.status.bookmark': {'en': 'Keep the address of this page: it is the private link to your request. It names nobody.', 'lv': 'Saglabājiet šīs lapas adresi: tā ir privātā saite uz jūsu pieprasījumu. Tajā nav neviena vārda.', 'lt': 'Išsaugokite šio puslapio adresą: tai privati nuoroda į jūsų prašymą. Joje nenurodomas joks asmuo.', 'et': 'Hoidke selle lehe aadress alles: see on teie taotluse privaatne link. See ei nimeta kedagi.', 'uk': 'Збережіть адресу цієї сторінки: це приватне посилання на ваш запит. Воно нікого не називає.', 'ru': 'Сохраните адрес этой страницы: это личная ссылка на ваш запрос. В ней никто не назван.'},
    'page.state.received': {'en': 'received', 'lv': 'saņemts', 'lt': 'gautas', 'et': 'saadud', 'uk': 'отримано', 'ru': 'получен'},
    'page.state.awaiting_verification': {'en': 'waiting for the code', 'lv': 'gaida kodu', 'lt': 'laukiama kodo', 'et': 'ootab koodi', 'uk': 'очікує код', 'ru': 'ожидает код'},
    'page.state.verified': {'en': 'confirmed, being handled', 'lv': 'apstiprināts, tiek izskatīts', 'lt': 'patvirtintas, nagrinėjamas', 'et': 'kinnitatud, menetluses', 'uk': 'підтверджено, розглядається', 'ru': 'подтверждён, рассматривается'},
    'page.state.in_progress': {'en': 'being carried out', 'lv': 'tiek izpildīts', 'lt': 'vykdomas', 'et': 'täitmisel', 'uk': 'виконується', 'ru': 'выполняется'},
    'page.state.completed': {'en': 'answered', 'lv': 'atbildēts', 'lt': 'atsakyta', 'et': 'vastatud', 'uk': 'надано відповідь', 'ru': 'дан ответ'},
    'page.state.rejected': {'en': 'refused, with reasons sent to you', 'lv': 'noraidīts, iemesli jums nosūtīti', 'lt': 'atmestas, priežastys jums išsiųstos', 'et': 'tagasi lükatud, põhjendused saadetud', 'uk': 'відхилено, причини надіслано вам', 'ru': 'отклонён, причины отправлены вам'},
    'page.error.title': {'en': 'Please check the form', 'lv': 'Lūdzu, pārbaudiet veidlapu', 'lt': 'Patikrinkite formą', 'et': 'Palun kontrollige vormi', 'uk': 'Будь ласка, перевірте форму', 'ru': 'Пожалуйста, проверьте форму'},
    'page.error.email': {'en': 'Enter a valid e-mail address.', 'lv': 'Ievadiet derīgu e-pasta adresi.', 'lt': 'Įveskite galiojantį el. pašto adresą.', 'et': 'Sisestage kehtiv e-posti aadress.', 'uk': 'Введіть дійсну адресу електронної пошти.', 'ru': 'Введите действительный адрес электронной почты.'},
    'page.error.code': {'en': 'The code is wrong or has expired.', 'lv': 'Kods ir nepareizs vai tam beidzies derīgums.', 'lt': 'Kodas neteisingas arba nebegalioja.', 'et': 'Kood on vale või aegunud.', 'uk': 'Код неправильний або його строк дії минув.', 'ru': 'Код неверный или срок его действия истёк.'},
    'page.error.details': {'en': 'These details cannot be accepted; please check them.', 'lv': 'Šo informāciju nevar pieņemt; lūdzu, pārbaudiet to.', 'lt': 'Šių duomenų priimti negalima; patikrinkite juos.', 'et': 'Neid andmeid ei saa vastu võtta; palun kontrollige neid.', 'uk': 'Ці дані не можна прийняти; будь ласка, перевірте їх.', 'ru': 'Эти данные нельзя принять; пожалуйста, проверьте их.'},
    'page.error.rate': {'en': 'Too many attempts. Please try again in an hour.', 'lv': 'Pārāk daudz mēģinājumu. Lūdzu, mēģiniet vēlreiz pēc stundas.', 'lt': 'Per daug bandymų. Bandykite dar kartą po valandos.', 'et': 'Liiga palju katseid. Proovige tunni aja pärast uuesti.', 'uk': 'Забагато спроб. Спробуйте ще раз за годину.', 'ru': 'Слишком много попыток. Попробуйте снова через час.'},
    'page.error.form': {'en': 'The form has expired. Please send it again.', 'lv': 'Veidlapas derīgums ir beidzies. Lūdzu, nosūtiet to vēlreiz.', 'lt': 'Formos galiojimas baigėsi. Pateikite ją dar kartą.', 'et': 'Vormi kehtivus on lõppenud. Palun saatke see uuesti.', 'uk': 'Строк дії форми минув. Будь ласка, надішліть її ще раз.', 'ru': 'Срок действия формы истёк. Пожалуйста, отправьте её ещё раз.'},
    'page.error.not_found': {'en': 'This page does not exist, or its link is not valid.', 'lv': 'Šī lapa nepastāv vai tās saite nav derīga.', 'lt': 'Šio puslapio nėra arba jo nuoroda negalioja.', 'et': 'Seda lehte ei ole või selle link ei kehti.', 'uk': 'Ця сторінка не існує або її посилання недійсне.', 'ru': 'Эта страница не существует или её ссылка недействительна.'},
    'page.center.consents': {'en': 'Your consents', 'lv': 'Jūsu piekrišanas', 'lt': 'Jūsų sutikimai', 'et': 'Teie nõusolekud', 'uk': 'Ваші згоди', 'ru': 'Ваши согласия'},
    'page.center.consents_intro': {'en': 'See the consents you have given us and change them.', 'lv': 'Apskatiet mums dotās piekrišanas un mainiet tās.', 'lt': 'Peržiūrėkite mums duotus sutikimus ir juos pakeiskite.', 'et': 'Vaadake meile antud nõusolekuid ja muutke neid.', 'uk': 'Перегляньте надані нам згоди та змініть їх.', 'ru': 'Просмотрите данные нам согласия и измените их.'},
    'page.consents.start_intro': {'en': 'Enter your e-mail address. If we hold data about you, we send a code to it; with the code you can see and change your consents.', 'lv': 'Ievadiet savu e-pasta adresi. Ja mums ir dati par jums, mēs uz to nosūtīsim kodu; ar to jūs varēsiet apskatīt un mainīt savas piekrišanas.', 'lt': 'Įveskite savo el. pašto adresą. Jei turime duomenų apie jus, išsiųsime į jį kodą; su juo galėsite peržiūrėti ir keisti savo sutikimus.', 'et': 'Sisestage oma e-posti aadress. Kui meil on teie kohta andmeid, saadame sellele koodi; sellega saate oma nõusolekuid vaadata ja muuta.', 'uk': 'Введіть свою адресу електронної пошти. Якщо ми маємо дані про вас, ми надішлемо на неї код; з ним ви зможете переглянути та змінити свої згоди.', 'ru': 'Введите свой адрес электронной почты. Если у нас есть данные о вас, мы отправим на него код; с ним вы сможете просмотреть и изменить свои согласия.'},
    'page.consents.send_code': {'en': 'Send me a code', 'lv': 'Nosūtīt man kodu', 'lt': 'Atsiųsti man kodą', 'et': 'Saada mulle kood', 'uk': 'Надіслати мені код', 'ru': 'Отправить мне код'},
    'page.consents.manage_intro': {'en': 'You can give or withdraw each consent at any time. Withdrawing is as easy as giving and does not affect what was done before (Article 7(3) GDPR).', 'lv': 'Katru piekrišanu varat dot vai atsaukt jebkurā laikā. Atsaukt ir tikpat viegli kā dot, un tas neietekmē iepriekš veikto apstrādi (VDAR 7. panta 3. punkts).', 'lt': 'Kiekvieną sutikimą galite duoti arba atšaukti bet kada. Atšaukti taip pat lengva kaip duoti, ir tai neturi įtakos anksčiau atliktam tvarkymui (BDAR 7 straipsnio 3 dalis).', 'et': 'Iga nõusoleku võite igal ajal anda või tagasi võtta. Tagasivõtmine on sama lihtne kui andmine ega mõjuta varem tehtut (isikuandmete kaitse üldmääruse artikli 7 lõige 3).', 'uk': 'Ви можете надати або відкликати кожну згоду будь-коли. Відкликати так само легко, як надати, і це не впливає на те, що було зроблено раніше.', 'ru': 'Вы можете дать или отозвать каждое согласие в любое время. Отозвать так же легко, как дать, и это не влияет на то, что было сделано раньше.'},
    'page.consents.given': {'en': 'Given', 'lv': 'Dota', 'lt': 'Duotas', 'et': 'Antud', 'uk': 'Надано', 'ru': 'Дано'},
    'page.consents.withdrawn': {'en': 'Withdrawn', 'lv': 'Atsaukta', 'lt': 'Atšauktas', 'et': 'Tagasi võetud', 'uk': 'Відкликано', 'ru': 'Отозвано'},
    'page.consents.none': {'en': 'Not given', 'lv': 'Nav dota', 'lt': 'Neduotas', 'et': 'Andmata', 'uk': 'Не надано', 'ru': 'Не дано'},
    'page.consents.since': {'en': 'since {date}', 'lv': 'kopš {date}', 'lt': 'nuo {date}', 'et': 'alates {date}', 'uk': 'з {date}', 'ru': 'с {date}'},
    'page.consents.give': {'en': 'Give consent', 'lv': 'Dot piekrišanu', 'lt': 'Duoti sutikimą', 'et': 'Anna nõusolek', 'uk': 'Надати згоду', 'ru': 'Дать согласие'},
    'page.consents.withdraw': {'en': 'Withdraw consent', 'lv': 'Atsaukt piekrišanu', 'lt': 'Atšaukti sutikimą', 'et': 'Võta nõusolek tagasi', 'uk': 'Відкликати згоду', 'ru': 'Отозвать согласие'},
    'page.consents.all_channels': {'en': 'all channels', 'lv': 'visi kanāli', 'lt': 'visi kanalai', 'et': 'kõik kanalid', 'uk': 'усі канали', 'ru': 'все каналы'},
    'page.consents.history': {'en': 'History', 'lv': 'Vēsture', 'lt': 'Istorija', 'et': 'Ajalugu', 'uk': 'Історія', 'ru': 'История'},
    'page.consents.saved': {'en': 'Saved.', 'lv': 'Saglabāts.', 'lt': 'Išsaugota.', 'et': 'Salvestatud.', 'uk': 'Збережено.', 'ru': 'Сохранено.'},
    'page.consents.expired': {'en': 'Your session has ended. Ask for a new code to see your consents.', 'lv': 'Jūsu sesija ir beigusies. Pieprasiet jaunu kodu, lai apskatītu savas piekrišanas.', 'lt': 'Jūsų sesija baigėsi. Paprašykite naujo kodo, kad matytumėte savo sutikimus.', 'et': 'Teie seanss on lõppenud. Nõusolekute nägemiseks küsige uus kood.', 'uk': 'Ваш сеанс завершився. Запросіть новий код, щоб переглянути свої згоди.', 'ru': 'Ваш сеанс завершён. Запросите новый код, чтобы увидеть свои согласия.'},
    'page.consents.nothing': {'en': 'We hold no consents from you.', 'lv': 'Mums nav jūsu piekrišanu.', 'lt': 'Neturime jūsų sutikimų.', 'et': 'Meil ei ole teie nõusolekuid.', 'uk': 'Ми не маємо ваших згод.', 'ru': 'У нас нет ваших согласий.'},
    'message.sign_in.subject': {'en': 'Your code to see your consents', 'lv': 'Jūsu kods piekrišanu apskatīšanai', 'lt': 'Jūsų kodas sutikimams peržiūrėti', 'et': 'Teie kood nõusolekute vaatamiseks', 'uk': 'Ваш код для перегляду згод', 'ru': 'Ваш код для просмотра согласий'},
    'message.sign_in.body': {'en': 'Enter this code in the privacy center to see and change your consents: {code}. It is valid for {minutes} minutes. If you did not ask for it, ignore this message.', 'lv': 'Ievadiet šo kodu privātuma centrā, lai apskatītu un mainītu savas piekrišanas: {code}. Tas ir derīgs {minutes} minūtes. Ja jūs to nepieprasījāt, neņemiet vērā šo ziņu.', 'lt': 'Įveskite šį kodą privatumo centre, kad peržiūrėtumėte ir pakeistumėte savo sutikimus: {code}. Jis galioja {minutes} min. Jei jo neprašėte, nekreipkite dėmesio į šį pranešimą.', 'et': 'Sisestage see kood privaatsuskeskuses, et oma nõusolekuid vaadata ja muuta: {code}. See kehtib {minutes} minutit. Kui te seda ei küsinud, jätke see sõnum tähelepanuta.', 'uk': 'Введіть цей код у центрі конфіденційності, щоб переглянути та змінити свої згоди: {code}. Він дійсний {minutes} хвилин. Якщо ви його не запитували, не зважайте на це повідомлення.', 'ru': 'Введите этот код в центре конфиденциальности, чтобы просмотреть и изменить свои согласия: {code}. Он действует {minutes} минут. Если вы его не запрашивали, не обращайте внимания на это сообщение.'},
    'banner.title': {'en': 'Cookies', 'lv': 'Sīkdatnes', 'lt': 'Slapukai', 'et': 'Küpsised', 'uk': 'Файли cookie', 'ru': 'Файлы cookie'},
    'banner.text': {'en': 'We use strictly necessary cookies to run the website. Other cookies we use only if you agree. You can change your choice at any time.', 'lv': 'Vietnes darbībai mēs izmantojam obligāti nepieciešamās sīkdatnes. Citas sīkdatnes izmantojam tikai ar jūsu piekrišanu. Savu izvēli varat mainīt jebkurā laikā.', 'lt': 'Svetainės veikimui naudojame būtinuosius slapukus. Kitus slapukus naudojame tik gavę jūsų sutikimą. Savo pasirinkimą galite pakeisti bet kada.', 'et': 'Veebisaidi toimimiseks kasutame hädavajalikke küpsiseid. Muid küpsiseid kasutame ainult teie nõusolekul. Oma valikut saate igal ajal muuta.', 'uk': 'Для роботи сайту ми використовуємо суворо необхідні файли cookie. Інші файли cookie ми використовуємо лише за вашою згодою. Ви можете змінити свій вибір будь-коли.', 'ru': 'Для работы сайта мы используем строго необходимые файлы cookie. Другие файлы cookie мы используем только с вашего согласия. Вы можете изменить свой выбор в любое время.'},
    'banner.accept': {'en': 'Accept all', 'lv': 'Pieņemt visas', 'lt': 'Priimti visus', 'et': 'Nõustun kõigiga', 'uk': 'Прийняти всі', 'ru': 'Принять все'},
    'banner.reject': {'en': 'Reject all', 'lv': 'Noraidīt visas', 'lt': 'Atmesti visus', 'et': 'Keeldun kõigist', 'uk': 'Відхилити всі', 'ru': 'Отклонить все'},
    'banner.settings': {'en': 'Settings', 'lv': 'Iestatījumi', 'lt': 'Nustatymai', 'et': 'Seaded', 'uk': 'Налаштування', 'ru': 'Настройки'},
    'banner.save': {'en': 'Save my choices', 'lv': 'Saglabāt manu izvēli', 'lt': 'Išsaugoti mano pasirinkimą', 'et': 'Salvesta minu valik', 'uk': 'Зберегти мій вибір', 'ru': 'Сохранить мой выбор'},
    'banner.always': {'en': 'always on', 'lv': 'vienmēr ieslēgtas', 'lt': 'visada įjungti', 'et': 'alati sees', 'uk': 'завжди ввімкнені', 'ru': 'всегда включены'},
    'banner.gpc': {'en': 'Your browser sends the Global Privacy Control signal: marketing cookies stay off.', 'lv': 'Jūsu pārlūks sūta Global Privacy Control signālu: mārketinga sīkdatnes paliek izslēgtas.', 'lt': 'Jūsų naršyklė siunčia „Global Privacy Control“ signalą: rinkodaros slapukai lieka išjungti.', 'et': 'Teie brauser saadab Global Privacy Control signaali: turundusküpsised jäävad välja lülitatuks.', 'uk': 'Ваш браузер надсилає сигнал Global Privacy Control: маркетингові файли cookie залишаються вимкненими.', 'ru': 'Ваш браузер отправляет сигнал Global Privacy Control: маркетинговые файлы cookie остаются отключёнными.'},
    'banner.notice': {'en': 'Privacy notice', 'lv': 'Privātuma paziņojums', 'lt': 'Privatumo pranešimas', 'et': 'Privaatsusteade', 'uk': 'Повідомлення про конфіденційність', 'ru': 'Уведомление о конфиденциальности'},
    'page.status.download_sent': {'en': 'Your data is ready: the download link was sent to your e-mail address.', 'lv': 'Jūsu dati ir gatavi: lejupielādes saite nosūtīta uz jūsu e-pasta adresi.', 'lt': 'Jūsų duomenys paruošti: atsisiuntimo nuoroda išsiųsta jūsų el. pašto adresu.', 'et': 'Teie andmed on valmis: allalaadimislink saadeti teie e-posti aadressile.', 'uk': 'Ваші дані готові: посилання для завантаження надіслано на вашу адресу електронної пошти.', 'ru': 'Ваши данные готовы: ссылка для скачивания отправлена на ваш адрес электронной почты.'},
    'page.consents.outdated': {'en': 'Given under an earlier notice: it no longer covers what changed. Give it again to continue.', 'lv': 'Dota saskaņā ar iepriekšējo paziņojumu: tā vairs neattiecas uz izmaiņām. Dodiet to vēlreiz, lai turpinātu.', 'lt': 'Duotas pagal ankstesnį pranešimą: jis nebeapima pakeitimų. Duokite jį iš naujo, kad tęstume.', 'et': 'Antud varasema teate alusel: see ei hõlma enam muudatusi. Jätkamiseks andke see uuesti.', 'uk': 'Надано за попереднім повідомленням: вона більше не охоплює змін. Надайте її знову, щоб продовжити.', 'ru': 'Дано по прежнему уведомлению: оно больше не охватывает изменения. Дайте его снова, чтобы продолжить.'},
    'message.acknowledgement.status_link': {'en': 'You can follow your request here (a private link; do not share it): {link}', 'lv': 'Savu pieprasījumu varat sekot šeit (privāta saite; nedalieties ar to): {link}', 'lt': 'Savo prašymą galite stebėti čia (privati nuoroda; ja nesidalykite): {link}', 'et': 'Oma taotlust saate jälgida siin (privaatne link; ärge jagage seda): {link}', 'uk': 'Стежити за своїм запитом можна тут (приватне посилання; не діліться ним): {link}', 'ru': 'Следить за своим запросом можно здесь (личная ссылка; не делитесь ею): {link}'},
}

root = pathlib.Path("Sources/SargsCore/Resources/notice")
for language in ["en", "lv", "lt", "et", "uk", "ru"]:
    path = root / f"{language}.json"
    catalogue = json.loads(path.read_text(encoding="utf-8"))
    for key, texts in MESSAGES.items():
        catalogue[key] = texts[language]
    path.write_text(json.dumps(catalogue, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"merged {len(MESSAGES)} keys into 6 catalogues")
