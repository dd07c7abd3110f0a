/* demo_names.c - Moroccan first and family names in Arabic and Latin
 * script, with the spelling variants clerks actually type, and the cities
 * of the regions the seed articles cover.  A few French first names carry
 * the accents (Élodie, Hélène, Zoé) that search folding must ignore. */
#include <stddef.h>

#include "daftar/demo.h"

const struct demo_name demo_male[] = {
	{ { "محمد", "مُحَمَّد", NULL }, { "Mohamed", "Mohammed" } },
	{ { "أحمد", "احمد", "أَحْمَد" }, { "Ahmed", "Ahmad" } },
	{ { "يوسف", "يُوسُف", NULL }, { "Youssef", "Youssouf" } },
	{ { "ياسين", NULL, NULL }, { "Yassine", "Yacine" } },
	{ { "عبد الله", "عبدالله", NULL }, { "Abdellah", "Abdallah" } },
	{ { "إبراهيم", "ابراهيم", NULL }, { "Brahim", "Ibrahim" } },
	{ { "مصطفى", "مصطفي", NULL }, { "Mustapha", "Mostafa" } },
	{ { "يحيى", "يحيي", NULL }, { "Yahya", "Yahia" } },
	{ { "حمزة", "حمزه", "حَمْزَة" }, { "Hamza", NULL } },
	{ { "أيوب", "ايوب", NULL }, { "Ayoub", "Ayoube" } },
	{ { "عمر", "عُمَر", NULL }, { "Omar", "Oumar" } },
	{ { "خالد", NULL, NULL }, { "Khalid", "Khaled" } },
	{ { "سعيد", NULL, NULL }, { "Saïd", "Said" } },
	{ { "رشيد", NULL, NULL }, { "Rachid", "Rachide" } },
	{ { "عثمان", NULL, NULL }, { "Othmane", "Otmane" } },
	{ { "زكرياء", "زكريا", NULL }, { "Zakaria", "Zakariae" } },
	{ { "أنس", "انس", NULL }, { "Anas", NULL } },
	{ { "إلياس", "الياس", NULL }, { "Ilyas", "Ilias" } },
	{ { "المهدي", "مهدي", NULL }, { "El Mehdi", "Mehdi" } },
	{ { "سفيان", NULL, NULL }, { "Soufiane", "Sofiane" } },
	{ { "هشام", NULL, NULL }, { "Hicham", "Hisham" } },
	{ { "نبيل", NULL, NULL }, { "Nabil", NULL } },
	{ { "عادل", NULL, NULL }, { "Adil", "Adel" } },
	{ { "إدريس", "ادريس", NULL }, { "Driss", "Idriss" } },
	{ { "الحسين", "الحُسَيْن", NULL }, { "El Houssine", "Lhoussaine" } },
	{ { "لحسن", NULL, NULL }, { "Lahcen", "Lahoucine" } },
	{ { "عبد الرحيم", "عبدالرحيم", NULL }, { "Abderrahim", "Abdelrahim" } },
	{ { "طارق", NULL, NULL }, { "Tarik", "Tariq" } },
	{ { "بلال", NULL, NULL }, { "Bilal", "Bilale" } },
	{ { "إسماعيل", "اسماعيل", NULL }, { "Ismaïl", "Smail" } },
	{ { "كريم", NULL, NULL }, { "Karim", "Kerim" } },
	{ { "جواد", NULL, NULL }, { "Jaouad", "Jawad" } },
	{ { "عزيز", NULL, NULL }, { "Aziz", NULL } },
	{ { "منير", NULL, NULL }, { "Mounir", "Mounire" } },
	{ { "وليد", NULL, NULL }, { "Walid", "Oualid" } },
	{ { "موسى", "موسي", NULL }, { "Moussa", "Moussa" } },
	{ { "مروان", NULL, NULL }, { "Marouane", "Marwan" } },
	{ { "أسامة", "اسامة", "أسامه" }, { "Oussama", "Oussamah" } },
	{ { "رضى", "رضا", NULL }, { "Reda", "Rida" } },
	{ { "نوفل", NULL, NULL }, { "Noufel", "Naoufal" } },
	{ { "ثيو", NULL, NULL }, { "Théo", NULL } },
	{ { "جيروم", NULL, NULL }, { "Jérôme", NULL } },
};
const int demo_nmale = (int)(sizeof demo_male / sizeof demo_male[0]);

const struct demo_name demo_female[] = {
	{ { "فاطمة", "فاطمه", "فَاطِمَة" }, { "Fatima", "Fatema" } },
	{ { "فاطمة الزهراء", "فاطمه الزهراء", NULL }, { "Fatima Zahra", "Fatima-Ezzahra" } },
	{ { "خديجة", "خديجه", NULL }, { "Khadija", "Khadidja" } },
	{ { "عائشة", "عايشة", "عائشه" }, { "Aïcha", "Aicha" } },
	{ { "مريم", "مَرْيَم", NULL }, { "Meryem", "Maryam" } },
	{ { "زينب", NULL, NULL }, { "Zineb", "Zainab" } },
	{ { "سلمى", "سلمي", NULL }, { "Salma", NULL } },
	{ { "هاجر", NULL, NULL }, { "Hajar", "Hajare" } },
	{ { "أسماء", "اسماء", NULL }, { "Asmae", "Asmaa" } },
	{ { "إيمان", "ايمان", NULL }, { "Imane", "Iman" } },
	{ { "سناء", NULL, NULL }, { "Sanae", "Sanaa" } },
	{ { "نادية", "نادیة", "ناديه" }, { "Nadia", NULL } },
	{ { "لبنى", "لبني", NULL }, { "Loubna", "Lubna" } },
	{ { "غزلان", NULL, NULL }, { "Ghizlane", "Ghizlan" } },
	{ { "حنان", NULL, NULL }, { "Hanane", "Hanan" } },
	{ { "كوثر", NULL, NULL }, { "Kaoutar", "Kawtar" } },
	{ { "ليلى", "ليلي", "لَيْلَى" }, { "Leïla", "Laila" } },
	{ { "سهام", NULL, NULL }, { "Siham", "Sihame" } },
	{ { "وفاء", NULL, NULL }, { "Wafae", "Wafaa" } },
	{ { "نجاة", "نجاه", NULL }, { "Najat", NULL } },
	{ { "رجاء", NULL, NULL }, { "Rajae", "Rajaa" } },
	{ { "هند", NULL, NULL }, { "Hind", NULL } },
	{ { "ياسمين", NULL, NULL }, { "Yasmine", "Yasmina" } },
	{ { "شيماء", NULL, NULL }, { "Chaimae", "Chaymae" } },
	{ { "آية", "اية", "آيه" }, { "Aya", NULL } },
	{ { "إكرام", "اكرام", NULL }, { "Ikram", "Ikrame" } },
	{ { "ابتسام", "إبتسام", NULL }, { "Ibtissam", "Ibtissame" } },
	{ { "كريمة", "كريمه", NULL }, { "Karima", NULL } },
	{ { "أمينة", "امينة", "أمينه" }, { "Amina", NULL } },
	{ { "سعاد", NULL, NULL }, { "Souad", "Souâd" } },
	{ { "بشرى", "بشري", NULL }, { "Bouchra", "Bochra" } },
	{ { "هدى", "هدي", NULL }, { "Houda", "Hoda" } },
	{ { "نهى", "نهي", NULL }, { "Nouha", "Noha" } },
	{ { "إيناس", "ايناس", NULL }, { "Inès", "Ines" } },
	{ { "إيلودي", NULL, NULL }, { "Élodie", NULL } },
	{ { "هيلين", NULL, NULL }, { "Hélène", NULL } },
	{ { "زوي", NULL, NULL }, { "Zoé", NULL } },
};
const int demo_nfemale = (int)(sizeof demo_female / sizeof demo_female[0]);

const struct demo_name demo_family[] = {
	{ { "العلوي", NULL, NULL }, { "El Alaoui", "Alaoui" } },
	{ { "الإدريسي", "الادريسي", NULL }, { "El Idrissi", "Idrissi" } },
	{ { "بنعلي", "بن علي", NULL }, { "Benali", "Ben Ali" } },
	{ { "السعدي", NULL, NULL }, { "Essaadi", "Saadi" } },
	{ { "الفاسي", NULL, NULL }, { "El Fassi", "Fassi" } },
	{ { "بناني", NULL, NULL }, { "Bennani", NULL } },
	{ { "التازي", NULL, NULL }, { "Tazi", "Ettazi" } },
	{ { "المراكشي", NULL, NULL }, { "El Marrakchi", "Marrakchi" } },
	{ { "الحسني", NULL, NULL }, { "El Hassani", "Hassani" } },
	{ { "بوزيدي", NULL, NULL }, { "Bouzidi", NULL } },
	{ { "أمزيان", "امزيان", NULL }, { "Amziane", "Amzian" } },
	{ { "أيت علي", "ايت علي", NULL }, { "Aït Ali", "Ait Ali" } },
	{ { "أوبلا", "اوبلا", NULL }, { "Oubella", NULL } },
	{ { "الرحماني", NULL, NULL }, { "Rahmani", "Errahmani" } },
	{ { "بنجلون", NULL, NULL }, { "Benjelloun", NULL } },
	{ { "الشرقاوي", NULL, NULL }, { "Cherkaoui", "Chergaoui" } },
	{ { "الأنصاري", "الانصاري", NULL }, { "El Ansari", "Ansari" } },
	{ { "الوزاني", NULL, NULL }, { "Ouazzani", "El Ouazzani" } },
	{ { "الكتاني", NULL, NULL }, { "Kettani", "El Kettani" } },
	{ { "بوعزة", "بوعزه", NULL }, { "Bouazza", NULL } },
	{ { "الخياط", NULL, NULL }, { "El Khayat", "Khayat" } },
	{ { "الصنهاجي", NULL, NULL }, { "Sanhaji", "Essanhaji" } },
	{ { "أوحمو", "اوحمو", NULL }, { "Ouhammou", NULL } },
	{ { "إد بلعيد", "اد بلعيد", NULL }, { "Id Belaid", "Id Belaïd" } },
	{ { "بلحاج", NULL, NULL }, { "Belhaj", "Belhadj" } },
	{ { "الطاهري", NULL, NULL }, { "Taheri", "Ettaheri" } },
	{ { "المنصوري", NULL, NULL }, { "Mansouri", "El Mansouri" } },
	{ { "الحمداوي", NULL, NULL }, { "Hamdaoui", NULL } },
	{ { "القادري", NULL, NULL }, { "Kadiri", "El Kadiri" } },
	{ { "السوسي", NULL, NULL }, { "Soussi", "Essoussi" } },
	{ { "أكنوش", "اكنوش", NULL }, { "Aknouch", NULL } },
	{ { "بوطالب", NULL, NULL }, { "Boutaleb", NULL } },
	{ { "زروال", NULL, NULL }, { "Zeroual", "Zerouali" } },
	{ { "الشاوي", NULL, NULL }, { "Chaoui", "Echchaoui" } },
	{ { "العمراني", NULL, NULL }, { "El Amrani", "Amrani" } },
	{ { "اليعقوبي", NULL, NULL }, { "Yacoubi", "El Yaacoubi" } },
	{ { "الحجي", "حجي", NULL }, { "Hajji", "El Hajji" } },
	{ { "مصطفى", NULL, NULL }, { "Moustafa", NULL } },
	{ { "الرحالي", NULL, NULL }, { "Rahali", "Errahali" } },
	{ { "بوكيلي", NULL, NULL }, { "Boukili", NULL } },
	{ { "الزموري", NULL, NULL }, { "Zemmouri", NULL } },
	{ { "أشهبون", "اشهبون", NULL }, { "Achahboun", NULL } },
	{ { "بن موسى", "بنموسى", "بن موسي" }, { "Benmoussa", "Ben Moussa" } },
	{ { "الفيلالي", NULL, NULL }, { "Filali", "El Filali" } },
	{ { "دوبوا", NULL, NULL }, { "Dubois", NULL } },
	{ { "لوفيفر", NULL, NULL }, { "Lefèvre", NULL } },
};
const int demo_nfamily = (int)(sizeof demo_family / sizeof demo_family[0]);

/* Cities by region code (only the regions the tracks use, plus a few). */
static const char *const cities_3[] = { "فاس", "فاس", "فاس", "مكناس", "صفرو", "تازة", "مولاي يعقوب", "إفران" };
static const char *const cities_7[] = { "بنجرير", "بنجرير", "مراكش", "مراكش", "مراكش", "آسفي", "قلعة السراغنة", "الصويرة" };
static const char *const cities_9[] = { "إنزكان", "إنزكان", "أكادير", "أكادير", "أيت ملول", "الدشيرة الجهادية", "تزنيت", "تارودانت" };
static const char *const cities_other[] = { "الرباط", "الدار البيضاء", "طنجة" };

const char *const *demo_region_cities(int region, int *n)
{
#define CITIES(a) (*n = (int)(sizeof a / sizeof a[0]), a)
	switch (region) {
	case 3: return CITIES(cities_3);
	case 7: return CITIES(cities_7);
	case 9: return CITIES(cities_9);
	default: return CITIES(cities_other);
	}
#undef CITIES
}
