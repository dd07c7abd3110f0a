-- 001_base.sql: metadata tables, reference data, every entity of DESIGN.md,
-- and the field metadata that forms, lists, import and export read.
--
-- Every record table has the same bookkeeping columns: id, version,
-- created_at/by, updated_at/by, and search_key (the folded search text,
-- written by the store with text_fold(); NULL where an entity has none).

-- ---- metadata --------------------------------------------------------------

CREATE TABLE meta_entity (
  name        TEXT PRIMARY KEY,          -- table name
  menu_order  INTEGER NOT NULL,          -- 0 = not in the main menu
  display     TEXT NOT NULL,             -- field naming a record to the user
  label_ar    TEXT NOT NULL,
  label_fr    TEXT NOT NULL,
  label_en    TEXT NOT NULL
);

CREATE TABLE meta_choice (
  list        TEXT NOT NULL,             -- choice list name
  code        TEXT NOT NULL,             -- stored value
  ord         INTEGER NOT NULL,          -- order shown
  label_ar    TEXT NOT NULL,
  label_fr    TEXT NOT NULL,
  label_en    TEXT NOT NULL,
  PRIMARY KEY (list, code)
);

CREATE TABLE meta_field (
  entity      TEXT NOT NULL REFERENCES meta_entity(name),
  name        TEXT NOT NULL,             -- column name
  ord         INTEGER NOT NULL,          -- form order
  type        TEXT NOT NULL CHECK (type IN ('text','longtext','int','date',
                'choice','lookup','bool','phone','cin')),
  required    INTEGER NOT NULL DEFAULT 0,
  target      TEXT,                      -- lookup: entity; choice: list
  list_width  INTEGER NOT NULL DEFAULT 0,-- 0 = not a list column
  list_order  INTEGER NOT NULL DEFAULT 0,
  carry       INTEGER NOT NULL DEFAULT 0,-- carries forward to the next new record
  searchable  INTEGER NOT NULL DEFAULT 0,-- part of search_key
  uniq        INTEGER NOT NULL DEFAULT 0,-- UNIQUE column
  dir         TEXT NOT NULL DEFAULT 'auto' CHECK (dir IN ('auto','ltr','rtl')),
  maxlen      INTEGER NOT NULL DEFAULT 0,-- in grapheme clusters, 0 = none
  min         INTEGER,                   -- int range; date range as yyyymmdd
  max         INTEGER,
  pattern     TEXT,                      -- POSIX ERE on the stored value
  label_ar    TEXT NOT NULL,
  label_fr    TEXT NOT NULL,
  label_en    TEXT NOT NULL,
  help        TEXT,                      -- one-line hint (English, translated)
  PRIMARY KEY (entity, name)
);

CREATE TABLE audit (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,             -- UTC 'YYYY-MM-DD HH:MM:SS'
  user        TEXT NOT NULL,             -- OS user
  tbl         TEXT NOT NULL,             -- entity table
  record_id   INTEGER,                   -- NULL for a batch row
  action      TEXT NOT NULL CHECK (action IN ('insert','update','delete','import')),
  old         TEXT,                      -- JSON object of the values before
  new         TEXT,                      -- JSON object of the values after
  note        TEXT                       -- e.g. forced overwrite, duplicate kept
);
CREATE INDEX audit_record ON audit(tbl, record_id);

-- ---- choice lists ------------------------------------------------------------

INSERT INTO meta_choice(list, code, ord, label_ar, label_fr, label_en) VALUES
 ('partner_kind','ministry',1,'وزارة أو كتابة دولة','Ministère ou secrétariat d''État','Ministry or state secretariat'),
 ('partner_kind','chamber',2,'غرفة مهنية','Chambre professionnelle','Chamber'),
 ('partner_kind','academy',3,'أكاديمية جهوية','Académie régionale','Regional academy'),
 ('partner_kind','office',4,'مؤسسة أو مكتب عمومي','Office public','Public office'),
 ('partner_kind','university',5,'جامعة','Université','University'),
 ('partner_kind','province',6,'عمالة أو إقليم','Province ou préfecture','Province or prefecture'),
 ('partner_kind','commune',7,'جماعة','Commune','Commune'),
 ('partner_kind','association',8,'جمعية','Association','Association'),
 ('partner_kind','donor',9,'هيئة مانحة','Agence de coopération','Donor agency'),
 ('partner_kind','company',10,'مقاولة','Entreprise','Company'),
 ('institution_kind','institute',1,'معهد متخصص','Institut spécialisé','Specialised institute'),
 ('institution_kind','centre',2,'مركز تكوين','Centre de formation','Training centre'),
 ('institution_kind','school',3,'مدرسة','École','School'),
 ('institution_kind','cfa',4,'مركز التكوين بالتدرج','Centre de formation par apprentissage','Apprenticeship centre'),
 ('institution_kind','second_chance',5,'مركز الفرصة الثانية','Centre deuxième chance','Second-chance centre'),
 ('sector','crafts',1,'الصناعة التقليدية','Artisanat','Crafts'),
 ('sector','digital',2,'الرقمي','Numérique','Digital'),
 ('sector','audiovisual',3,'السمعي البصري','Audiovisuel','Audiovisual'),
 ('sector','construction',4,'البناء','Bâtiment','Construction'),
 ('sector','tourism',5,'السياحة','Tourisme','Tourism'),
 ('sector','agriculture',6,'الفلاحة','Agriculture','Agriculture'),
 ('sector','industry',7,'الصناعة','Industrie','Industry'),
 ('sector','services',8,'الخدمات','Services','Services'),
 ('agreement_kind','framework',1,'اتفاقية إطار','Convention-cadre','Framework agreement'),
 ('agreement_kind','specific',2,'اتفاقية خاصة','Convention spécifique','Specific agreement'),
 ('agreement_kind','partnership',3,'اتفاقية شراكة','Convention de partenariat','Partnership agreement'),
 ('agreement_status','draft',1,'مشروع','Projet','Draft'),
 ('agreement_status','signed',2,'موقعة','Signée','Signed'),
 ('agreement_status','in_force',3,'سارية','En vigueur','In force'),
 ('agreement_status','completed',4,'منتهية','Achevée','Completed'),
 ('agreement_status','terminated',5,'ملغاة','Résiliée','Terminated'),
 ('party_role','signatory',1,'طرف موقع','Signataire','Signatory'),
 ('party_role','funder',2,'ممول','Bailleur','Funder'),
 ('party_role','implementer',3,'منفذ','Opérateur','Implementer'),
 ('party_role','supervisor',4,'مشرف','Tutelle','Supervisor'),
 ('party_role','partner',5,'شريك','Partenaire','Partner'),
 ('specialty_level','initiation',1,'تأهيل أولي','Initiation','Initiation'),
 ('specialty_level','qualification',2,'تأهيل','Qualification','Qualification'),
 ('specialty_level','technician',3,'تقني','Technicien','Technician'),
 ('specialty_level','specialised',4,'تقني متخصص','Technicien spécialisé','Specialised technician'),
 ('target_group','youth',1,'الشباب','Jeunes','Young people'),
 ('target_group','out_of_school',2,'المنقطعون عن الدراسة','Jeunes déscolarisés','Young people out of school'),
 ('target_group','kidney_failure',3,'مرضى القصور الكلوي','Jeunes insuffisants rénaux','Youth with kidney failure'),
 ('target_group','pupils',4,'التلاميذ','Élèves','Pupils'),
 ('target_group','women',5,'النساء','Femmes','Women'),
 ('target_group','artisans',6,'الصناع التقليديون','Artisans','Artisans'),
 ('gender','F',1,'أنثى','Femme','Female'),
 ('gender','M',2,'ذكر','Homme','Male'),
 ('enrollment_status','enrolled',1,'مسجل','Inscrit','Enrolled'),
 ('enrollment_status','active',2,'في طور التكوين','En formation','Active'),
 ('enrollment_status','dropped_out',3,'منقطع','Abandon','Dropped out'),
 ('enrollment_status','completed',4,'أتم التكوين','Terminé','Completed'),
 ('enrollment_status','certified',5,'حاصل على الشهادة','Certifié','Certified'),
 ('outcome','diploma',1,'دبلوم','Diplôme','Diploma'),
 ('outcome','certificate',2,'شهادة','Certificat','Certificate'),
 ('outcome','attestation',3,'شهادة حضور','Attestation','Attestation'),
 ('event_kind','signing',1,'حفل توقيع','Cérémonie de signature','Signing ceremony'),
 ('event_kind','open_day',2,'أبواب مفتوحة','Journée portes ouvertes','Open day'),
 ('event_kind','seminar',3,'ندوة','Séminaire','Seminar'),
 ('event_kind','launch',4,'انطلاقة','Lancement','Launch'),
 ('event_kind','inauguration',5,'تدشين','Inauguration','Inauguration'),
 ('event_kind','award',6,'توزيع الشواهد','Remise des certificats','Certificate award'),
 ('event_kind','other',7,'نشاط آخر','Autre activité','Other');

-- ---- entity tables ---------------------------------------------------------------

CREATE TABLE region (
  id INTEGER PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  code INTEGER NOT NULL UNIQUE CHECK (code BETWEEN 1 AND 99),
  name_ar TEXT NOT NULL CHECK (name_ar <> ''),
  name_fr TEXT NOT NULL CHECK (name_fr <> '')
);

CREATE TABLE partner (
  id INTEGER PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  name_ar TEXT NOT NULL CHECK (name_ar <> ''),
  name_fr TEXT,
  acronym TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('ministry','chamber','academy','office',
    'university','province','commune','association','donor','company')),
  region_id INTEGER REFERENCES region(id),
  city TEXT,
  phone TEXT,
  email TEXT,
  notes TEXT
);

CREATE TABLE person (
  id INTEGER PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  name_ar TEXT NOT NULL CHECK (name_ar <> ''),
  name_latin TEXT,
  title TEXT,
  partner_id INTEGER REFERENCES partner(id),
  phone TEXT,
  email TEXT,
  notes TEXT
);

CREATE TABLE programme (
  id INTEGER PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  name_ar TEXT NOT NULL CHECK (name_ar <> ''),
  name_fr TEXT,
  sponsor_id INTEGER REFERENCES partner(id),
  description TEXT
);

CREATE TABLE institution (
  id INTEGER PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  name_ar TEXT NOT NULL CHECK (name_ar <> ''),
  name_fr TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('institute','centre','school','cfa','second_chance')),
  sector TEXT CHECK (sector IN ('crafts','digital','audiovisual','construction',
    'tourism','agriculture','industry','services')),
  partner_id INTEGER REFERENCES partner(id),
  city TEXT,
  region_id INTEGER REFERENCES region(id),
  capacity INTEGER CHECK (capacity >= 0),
  phone TEXT,
  notes TEXT
);

CREATE TABLE specialty (
  id INTEGER PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  name_ar TEXT NOT NULL CHECK (name_ar <> ''),
  name_fr TEXT,
  sector TEXT CHECK (sector IN ('crafts','digital','audiovisual','construction',
    'tourism','agriculture','industry','services')),
  level TEXT CHECK (level IN ('initiation','qualification','technician','specialised')),
  duration_months INTEGER CHECK (duration_months BETWEEN 1 AND 60)
);

CREATE TABLE agreement (
  id INTEGER PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  reference TEXT NOT NULL UNIQUE CHECK (reference <> ''),
  title TEXT NOT NULL CHECK (title <> ''),
  kind TEXT NOT NULL CHECK (kind IN ('framework','specific','partnership')),
  parent_id INTEGER REFERENCES agreement(id),
  programme_id INTEGER REFERENCES programme(id),
  object TEXT,
  signed_on TEXT CHECK (signed_on IS NULL OR date(signed_on) = signed_on),
  signed_at TEXT,
  region_id INTEGER REFERENCES region(id),
  status TEXT NOT NULL CHECK (status IN ('draft','signed','in_force','completed','terminated')),
  start_date TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
  end_date TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
  joint_committee INTEGER NOT NULL DEFAULT 0 CHECK (joint_committee IN (0,1)),
  school_year TEXT CHECK (school_year IS NULL OR school_year GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9][0-9][0-9]'),
  target_beneficiaries INTEGER CHECK (target_beneficiaries >= 0),
  notes TEXT,
  CONSTRAINT parent_only_for_specific CHECK (parent_id IS NULL OR kind = 'specific'),
  CONSTRAINT end_after_start CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);

CREATE TABLE agreement_party (
  id INTEGER PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  agreement_id INTEGER NOT NULL REFERENCES agreement(id),
  partner_id INTEGER NOT NULL REFERENCES partner(id),
  person_id INTEGER REFERENCES person(id),
  role TEXT NOT NULL CHECK (role IN ('signatory','funder','implementer','supervisor','partner')),
  UNIQUE (agreement_id, partner_id)
);

CREATE TABLE cohort (
  id INTEGER PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  code TEXT NOT NULL UNIQUE CHECK (code <> ''),
  institution_id INTEGER NOT NULL REFERENCES institution(id),
  specialty_id INTEGER NOT NULL REFERENCES specialty(id),
  programme_id INTEGER REFERENCES programme(id),
  agreement_id INTEGER REFERENCES agreement(id),
  school_year TEXT NOT NULL CHECK (school_year GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9][0-9][0-9]'),
  start_date TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
  end_date TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
  capacity INTEGER CHECK (capacity >= 0),
  target_group TEXT CHECK (target_group IN ('youth','out_of_school','kidney_failure',
    'pupils','women','artisans')),
  notes TEXT,
  CONSTRAINT end_after_start CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);

CREATE TABLE trainee (
  id INTEGER PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  name_ar TEXT NOT NULL CHECK (name_ar <> ''),
  name_latin TEXT,
  gender TEXT NOT NULL CHECK (gender IN ('F','M')),
  birth_date TEXT CHECK (birth_date IS NULL OR date(birth_date) = birth_date),
  cin TEXT UNIQUE,
  massar TEXT UNIQUE,
  phone TEXT,
  city TEXT,
  region_id INTEGER REFERENCES region(id),
  target_group TEXT CHECK (target_group IN ('youth','out_of_school','kidney_failure',
    'pupils','women','artisans')),
  notes TEXT
);

CREATE TABLE enrollment (
  id INTEGER PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  trainee_id INTEGER NOT NULL REFERENCES trainee(id),
  cohort_id INTEGER NOT NULL REFERENCES cohort(id),
  status TEXT NOT NULL CHECK (status IN ('enrolled','active','dropped_out','completed','certified')),
  enrolled_on TEXT CHECK (enrolled_on IS NULL OR date(enrolled_on) = enrolled_on),
  status_date TEXT CHECK (status_date IS NULL OR date(status_date) = status_date),
  drop_reason TEXT,
  outcome TEXT CHECK (outcome IN ('diploma','certificate','attestation')),
  notes TEXT,
  UNIQUE (trainee_id, cohort_id),
  CONSTRAINT dropout_needs_date_and_reason CHECK (status <> 'dropped_out' OR
    (status_date IS NOT NULL AND drop_reason IS NOT NULL AND drop_reason <> '')),
  CONSTRAINT completion_needs_outcome CHECK (status NOT IN ('completed','certified') OR outcome IS NOT NULL)
);

CREATE TABLE event (
  id INTEGER PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, search_key TEXT,
  title TEXT NOT NULL CHECK (title <> ''),
  kind TEXT NOT NULL CHECK (kind IN ('signing','open_day','seminar','launch',
    'inauguration','award','other')),
  event_date TEXT NOT NULL CHECK (date(event_date) = event_date),
  place TEXT,
  city TEXT,
  institution_id INTEGER REFERENCES institution(id),
  organiser_id INTEGER REFERENCES partner(id),
  agreement_id INTEGER REFERENCES agreement(id),
  programme_id INTEGER REFERENCES programme(id),
  participants INTEGER CHECK (participants >= 0),
  notes TEXT
);

-- search and foreign-key indexes (keyset paging and "who points here")
CREATE INDEX region_search ON region(search_key, id);
CREATE INDEX partner_search ON partner(search_key, id);
CREATE INDEX partner_region ON partner(region_id);
CREATE INDEX person_search ON person(search_key, id);
CREATE INDEX person_partner ON person(partner_id);
CREATE INDEX programme_search ON programme(search_key, id);
CREATE INDEX institution_search ON institution(search_key, id);
CREATE INDEX institution_region ON institution(region_id);
CREATE INDEX specialty_search ON specialty(search_key, id);
CREATE INDEX agreement_search ON agreement(search_key, id);
CREATE INDEX agreement_parent ON agreement(parent_id);
CREATE INDEX party_partner ON agreement_party(partner_id);
CREATE INDEX cohort_search ON cohort(search_key, id);
CREATE INDEX cohort_institution ON cohort(institution_id);
CREATE INDEX cohort_agreement ON cohort(agreement_id);
CREATE INDEX trainee_search ON trainee(search_key, id);
CREATE INDEX trainee_name_ar ON trainee(name_ar, id);
CREATE INDEX trainee_name_latin ON trainee(IFNULL(name_latin, ''), id);
CREATE INDEX enrollment_cohort ON enrollment(cohort_id, status);
CREATE INDEX event_search ON event(search_key, id);
CREATE INDEX event_date ON event(event_date, id);

-- ---- entity and field metadata -----------------------------------------------

INSERT INTO meta_entity(name, menu_order, display, label_ar, label_fr, label_en) VALUES
 ('trainee',1,'name_ar','المتدربون','Stagiaires','Trainees'),
 ('cohort',2,'code','الأفواج','Cohortes','Cohorts'),
 ('agreement',3,'reference','الاتفاقيات','Conventions','Agreements'),
 ('partner',4,'name_ar','الشركاء','Partenaires','Partners'),
 ('institution',5,'name_ar','مؤسسات التكوين','Établissements','Institutions'),
 ('programme',6,'name_ar','البرامج','Programmes','Programmes'),
 ('specialty',7,'name_ar','التخصصات','Spécialités','Specialties'),
 ('event',8,'title','الأنشطة','Événements','Events'),
 ('person',9,'name_ar','الأشخاص','Personnes','People'),
 ('enrollment',0,'trainee_id','التسجيلات','Inscriptions','Enrollments'),
 ('agreement_party',0,'partner_id','أطراف الاتفاقية','Parties','Agreement parties'),
 ('region',0,'name_ar','الجهات','Régions','Regions');

INSERT INTO meta_field(entity, name, ord, type, required, target, list_width,
  list_order, carry, searchable, uniq, dir, maxlen, min, max, pattern,
  label_ar, label_fr, label_en, help) VALUES
 ('region','code',1,'int',1,NULL,4,1,0,0,1,'ltr',0,1,99,NULL,'الرمز','Code','Code',NULL),
 ('region','name_ar',2,'text',1,NULL,28,2,0,1,0,'rtl',80,NULL,NULL,NULL,'الاسم بالعربية','Nom (arabe)','Name (Arabic)',NULL),
 ('region','name_fr',3,'text',1,NULL,30,3,0,1,0,'ltr',80,NULL,NULL,NULL,'الاسم بالفرنسية','Nom (français)','Name (French)',NULL),

 ('partner','name_ar',1,'text',1,NULL,30,1,0,1,0,'rtl',200,NULL,NULL,NULL,'الاسم بالعربية','Nom (arabe)','Name (Arabic)',NULL),
 ('partner','name_fr',2,'text',0,NULL,24,2,0,1,0,'ltr',200,NULL,NULL,NULL,'الاسم بالفرنسية','Nom (français)','Name (French)',NULL),
 ('partner','acronym',3,'text',0,NULL,8,3,0,1,0,'auto',20,NULL,NULL,NULL,'المختصر','Sigle','Acronym','e.g. OFPPT'),
 ('partner','kind',4,'choice',1,'partner_kind',12,4,1,0,0,'auto',0,NULL,NULL,NULL,'النوع','Type','Kind',NULL),
 ('partner','region_id',5,'lookup',0,'region',0,0,1,0,0,'auto',0,NULL,NULL,NULL,'الجهة','Région','Region',NULL),
 ('partner','city',6,'text',0,NULL,0,0,1,0,0,'auto',60,NULL,NULL,NULL,'المدينة','Ville','City',NULL),
 ('partner','phone',7,'phone',0,NULL,0,0,0,0,0,'ltr',0,NULL,NULL,NULL,'الهاتف','Téléphone','Phone',NULL),
 ('partner','email',8,'text',0,NULL,0,0,0,0,0,'ltr',120,NULL,NULL,'^[^@ ]+@[^@ ]+\.[^@ ]+$','البريد الإلكتروني','Courriel','E-mail',NULL),
 ('partner','notes',9,'longtext',0,NULL,0,0,0,0,0,'auto',4000,NULL,NULL,NULL,'ملاحظات','Notes','Notes',NULL),

 ('person','name_ar',1,'text',1,NULL,24,1,0,1,0,'rtl',120,NULL,NULL,NULL,'الاسم بالعربية','Nom (arabe)','Name (Arabic)',NULL),
 ('person','name_latin',2,'text',0,NULL,22,2,0,1,0,'ltr',120,NULL,NULL,NULL,'الاسم بالحروف اللاتينية','Nom (latin)','Name (Latin)',NULL),
 ('person','title',3,'text',0,NULL,28,3,0,0,0,'auto',200,NULL,NULL,NULL,'الصفة','Fonction','Title',NULL),
 ('person','partner_id',4,'lookup',0,'partner',0,0,1,0,0,'auto',0,NULL,NULL,NULL,'الهيئة','Organisme','Organisation',NULL),
 ('person','phone',5,'phone',0,NULL,0,0,0,0,0,'ltr',0,NULL,NULL,NULL,'الهاتف','Téléphone','Phone',NULL),
 ('person','email',6,'text',0,NULL,0,0,0,0,0,'ltr',120,NULL,NULL,'^[^@ ]+@[^@ ]+\.[^@ ]+$','البريد الإلكتروني','Courriel','E-mail',NULL),
 ('person','notes',7,'longtext',0,NULL,0,0,0,0,0,'auto',4000,NULL,NULL,NULL,'ملاحظات','Notes','Notes',NULL),

 ('programme','name_ar',1,'text',1,NULL,34,1,0,1,0,'rtl',200,NULL,NULL,NULL,'الاسم بالعربية','Nom (arabe)','Name (Arabic)',NULL),
 ('programme','name_fr',2,'text',0,NULL,30,2,0,1,0,'ltr',200,NULL,NULL,NULL,'الاسم بالفرنسية','Nom (français)','Name (French)',NULL),
 ('programme','sponsor_id',3,'lookup',0,'partner',0,0,0,0,0,'auto',0,NULL,NULL,NULL,'الجهة الراعية','Porteur','Sponsor',NULL),
 ('programme','description',4,'longtext',0,NULL,0,0,0,0,0,'auto',4000,NULL,NULL,NULL,'الوصف','Description','Description',NULL),

 ('institution','name_ar',1,'text',1,NULL,30,1,0,1,0,'rtl',200,NULL,NULL,NULL,'الاسم بالعربية','Nom (arabe)','Name (Arabic)',NULL),
 ('institution','name_fr',2,'text',0,NULL,24,2,0,1,0,'ltr',200,NULL,NULL,NULL,'الاسم بالفرنسية','Nom (français)','Name (French)',NULL),
 ('institution','kind',3,'choice',1,'institution_kind',0,0,1,0,0,'auto',0,NULL,NULL,NULL,'النوع','Type','Kind',NULL),
 ('institution','sector',4,'choice',0,'sector',0,0,1,0,0,'auto',0,NULL,NULL,NULL,'القطاع','Secteur','Sector',NULL),
 ('institution','partner_id',5,'lookup',0,'partner',0,0,1,0,0,'auto',0,NULL,NULL,NULL,'جهة الإشراف','Tutelle','Supervising partner',NULL),
 ('institution','city',6,'text',1,NULL,12,3,1,0,0,'auto',60,NULL,NULL,NULL,'المدينة','Ville','City',NULL),
 ('institution','region_id',7,'lookup',0,'region',0,0,1,0,0,'auto',0,NULL,NULL,NULL,'الجهة','Région','Region',NULL),
 ('institution','capacity',8,'int',0,NULL,8,4,0,0,0,'ltr',0,0,100000,NULL,'الطاقة الاستيعابية','Capacité','Capacity',NULL),
 ('institution','phone',9,'phone',0,NULL,0,0,0,0,0,'ltr',0,NULL,NULL,NULL,'الهاتف','Téléphone','Phone',NULL),
 ('institution','notes',10,'longtext',0,NULL,0,0,0,0,0,'auto',4000,NULL,NULL,NULL,'ملاحظات','Notes','Notes',NULL),

 ('specialty','name_ar',1,'text',1,NULL,30,1,0,1,0,'rtl',120,NULL,NULL,NULL,'الاسم بالعربية','Nom (arabe)','Name (Arabic)',NULL),
 ('specialty','name_fr',2,'text',0,NULL,26,2,0,1,0,'ltr',120,NULL,NULL,NULL,'الاسم بالفرنسية','Nom (français)','Name (French)',NULL),
 ('specialty','sector',3,'choice',0,'sector',14,3,1,0,0,'auto',0,NULL,NULL,NULL,'القطاع','Secteur','Sector',NULL),
 ('specialty','level',4,'choice',0,'specialty_level',0,0,1,0,0,'auto',0,NULL,NULL,NULL,'المستوى','Niveau','Level',NULL),
 ('specialty','duration_months',5,'int',0,NULL,0,0,0,0,0,'ltr',0,1,60,NULL,'المدة بالأشهر','Durée (mois)','Duration (months)',NULL),

 ('agreement','reference',1,'text',1,NULL,14,1,0,1,1,'ltr',60,NULL,NULL,NULL,'المرجع','Référence','Reference',NULL),
 ('agreement','title',2,'text',1,NULL,36,2,0,1,0,'auto',300,NULL,NULL,NULL,'العنوان','Intitulé','Title',NULL),
 ('agreement','kind',3,'choice',1,'agreement_kind',10,3,0,0,0,'auto',0,NULL,NULL,NULL,'النوع','Type','Kind',NULL),
 ('agreement','parent_id',4,'lookup',0,'agreement',0,0,0,0,0,'auto',0,NULL,NULL,NULL,'الاتفاقية الإطار','Convention-cadre','Framework agreement','only for a specific agreement'),
 ('agreement','programme_id',5,'lookup',0,'programme',0,0,0,0,0,'auto',0,NULL,NULL,NULL,'البرنامج','Programme','Programme',NULL),
 ('agreement','object',6,'longtext',0,NULL,0,0,0,0,0,'auto',4000,NULL,NULL,NULL,'الموضوع','Objet','Object',NULL),
 ('agreement','signed_on',7,'date',0,NULL,10,4,0,0,0,'ltr',0,19560101,21001231,NULL,'تاريخ التوقيع','Signée le','Signed on',NULL),
 ('agreement','signed_at',8,'text',0,NULL,0,0,0,0,0,'auto',60,NULL,NULL,NULL,'مكان التوقيع','Signée à','Signed at',NULL),
 ('agreement','region_id',9,'lookup',0,'region',0,0,0,0,0,'auto',0,NULL,NULL,NULL,'الجهة','Région','Region',NULL),
 ('agreement','status',10,'choice',1,'agreement_status',0,0,0,0,0,'auto',0,NULL,NULL,NULL,'الحالة','Statut','Status',NULL),
 ('agreement','start_date',11,'date',0,NULL,0,0,0,0,0,'ltr',0,19560101,21001231,NULL,'تاريخ البدء','Début','Start',NULL),
 ('agreement','end_date',12,'date',0,NULL,0,0,0,0,0,'ltr',0,19560101,21001231,NULL,'تاريخ الانتهاء','Fin','End',NULL),
 ('agreement','joint_committee',13,'bool',0,NULL,0,0,0,0,0,'auto',0,NULL,NULL,NULL,'لجنة مشتركة','Comité mixte','Joint committee',NULL),
 ('agreement','school_year',14,'text',0,NULL,0,0,0,0,0,'ltr',9,NULL,NULL,'^[0-9]{4}/[0-9]{4}$','الموسم الدراسي','Année scolaire','School year','e.g. 2024/2025'),
 ('agreement','target_beneficiaries',15,'int',0,NULL,0,0,0,0,0,'ltr',0,0,10000000,NULL,'عدد المستفيدين المستهدف','Bénéficiaires visés','Target beneficiaries',NULL),
 ('agreement','notes',16,'longtext',0,NULL,0,0,0,0,0,'auto',4000,NULL,NULL,NULL,'ملاحظات','Notes','Notes',NULL),

 ('agreement_party','agreement_id',1,'lookup',1,'agreement',16,1,1,0,0,'auto',0,NULL,NULL,NULL,'الاتفاقية','Convention','Agreement',NULL),
 ('agreement_party','partner_id',2,'lookup',1,'partner',30,2,0,0,0,'auto',0,NULL,NULL,NULL,'الطرف','Partie','Partner',NULL),
 ('agreement_party','person_id',3,'lookup',0,'person',20,3,0,0,0,'auto',0,NULL,NULL,NULL,'الموقع','Signataire','Signatory',NULL),
 ('agreement_party','role',4,'choice',1,'party_role',10,4,0,0,0,'auto',0,NULL,NULL,NULL,'الدور','Rôle','Role',NULL),

 ('cohort','code',1,'text',1,NULL,16,1,0,1,1,'ltr',40,NULL,NULL,NULL,'الرمز','Code','Code','e.g. FES-ZEL-2024-1'),
 ('cohort','institution_id',2,'lookup',1,'institution',24,2,1,0,0,'auto',0,NULL,NULL,NULL,'المؤسسة','Établissement','Institution',NULL),
 ('cohort','specialty_id',3,'lookup',1,'specialty',18,3,1,0,0,'auto',0,NULL,NULL,NULL,'التخصص','Spécialité','Specialty',NULL),
 ('cohort','programme_id',4,'lookup',0,'programme',0,0,1,0,0,'auto',0,NULL,NULL,NULL,'البرنامج','Programme','Programme',NULL),
 ('cohort','agreement_id',5,'lookup',0,'agreement',0,0,1,0,0,'auto',0,NULL,NULL,NULL,'الاتفاقية','Convention','Agreement',NULL),
 ('cohort','school_year',6,'text',1,NULL,9,4,1,0,0,'ltr',9,NULL,NULL,'^[0-9]{4}/[0-9]{4}$','الموسم الدراسي','Année scolaire','School year','e.g. 2024/2025'),
 ('cohort','start_date',7,'date',0,NULL,0,0,1,0,0,'ltr',0,19560101,21001231,NULL,'تاريخ البدء','Début','Start',NULL),
 ('cohort','end_date',8,'date',0,NULL,0,0,1,0,0,'ltr',0,19560101,21001231,NULL,'تاريخ الانتهاء','Fin','End',NULL),
 ('cohort','capacity',9,'int',0,NULL,5,5,0,0,0,'ltr',0,0,10000,NULL,'الطاقة','Capacité','Capacity',NULL),
 ('cohort','target_group',10,'choice',0,'target_group',0,0,1,0,0,'auto',0,NULL,NULL,NULL,'الفئة المستهدفة','Public cible','Target group',NULL),
 ('cohort','notes',11,'longtext',0,NULL,0,0,0,0,0,'auto',4000,NULL,NULL,NULL,'ملاحظات','Notes','Notes',NULL),

 ('trainee','name_ar',1,'text',1,NULL,22,1,0,1,0,'rtl',120,NULL,NULL,NULL,'الاسم بالعربية','Nom (arabe)','Name (Arabic)',NULL),
 ('trainee','name_latin',2,'text',0,NULL,22,2,0,1,0,'ltr',120,NULL,NULL,NULL,'الاسم بالحروف اللاتينية','Nom (latin)','Name (Latin)',NULL),
 ('trainee','gender',3,'choice',1,'gender',6,3,0,0,0,'auto',0,NULL,NULL,NULL,'الجنس','Sexe','Gender','F or M'),
 ('trainee','birth_date',4,'date',0,NULL,10,4,0,0,0,'ltr',0,19400101,20201231,NULL,'تاريخ الازدياد','Date de naissance','Birth date','day/month/year'),
 ('trainee','cin',5,'cin',0,NULL,9,5,0,1,1,'ltr',0,NULL,NULL,NULL,'رقم البطاقة الوطنية','CIN','CIN',NULL),
 ('trainee','massar',6,'text',0,NULL,0,0,0,1,1,'ltr',10,NULL,NULL,'^[A-Z][0-9]{9}$','رمز مسار','Code Massar','Massar code','letter + 9 digits'),
 ('trainee','phone',7,'phone',0,NULL,0,0,0,0,0,'ltr',0,NULL,NULL,NULL,'الهاتف','Téléphone','Phone',NULL),
 ('trainee','city',8,'text',0,NULL,10,6,1,0,0,'auto',60,NULL,NULL,NULL,'المدينة','Ville','City',NULL),
 ('trainee','region_id',9,'lookup',0,'region',0,0,1,0,0,'auto',0,NULL,NULL,NULL,'الجهة','Région','Region',NULL),
 ('trainee','target_group',10,'choice',0,'target_group',0,0,1,0,0,'auto',0,NULL,NULL,NULL,'الفئة المستهدفة','Public cible','Target group',NULL),
 ('trainee','notes',11,'longtext',0,NULL,0,0,0,0,0,'auto',4000,NULL,NULL,NULL,'ملاحظات','Notes','Notes',NULL),

 ('enrollment','trainee_id',1,'lookup',1,'trainee',24,1,0,0,0,'auto',0,NULL,NULL,NULL,'المتدرب','Stagiaire','Trainee',NULL),
 ('enrollment','cohort_id',2,'lookup',1,'cohort',16,2,1,0,0,'auto',0,NULL,NULL,NULL,'الفوج','Cohorte','Cohort',NULL),
 ('enrollment','status',3,'choice',1,'enrollment_status',14,3,1,0,0,'auto',0,NULL,NULL,NULL,'الوضعية','Statut','Status',NULL),
 ('enrollment','enrolled_on',4,'date',0,NULL,10,4,1,0,0,'ltr',0,19560101,21001231,NULL,'تاريخ التسجيل','Inscrit le','Enrolled on',NULL),
 ('enrollment','status_date',5,'date',0,NULL,0,0,0,0,0,'ltr',0,19560101,21001231,NULL,'تاريخ الوضعية','Date du statut','Status date','required when dropped out'),
 ('enrollment','drop_reason',6,'text',0,NULL,0,0,0,0,0,'auto',200,NULL,NULL,NULL,'سبب الانقطاع','Motif d''abandon','Drop-out reason','required when dropped out'),
 ('enrollment','outcome',7,'choice',0,'outcome',12,5,0,0,0,'auto',0,NULL,NULL,NULL,'النتيجة','Résultat','Outcome','required when completed or certified'),
 ('enrollment','notes',8,'longtext',0,NULL,0,0,0,0,0,'auto',4000,NULL,NULL,NULL,'ملاحظات','Notes','Notes',NULL),

 ('event','title',1,'text',1,NULL,34,1,0,1,0,'auto',300,NULL,NULL,NULL,'العنوان','Intitulé','Title',NULL),
 ('event','kind',2,'choice',1,'event_kind',14,2,1,0,0,'auto',0,NULL,NULL,NULL,'النوع','Type','Kind',NULL),
 ('event','event_date',3,'date',1,NULL,10,3,0,0,0,'ltr',0,19560101,21001231,NULL,'التاريخ','Date','Date',NULL),
 ('event','place',4,'text',0,NULL,0,0,0,0,0,'auto',200,NULL,NULL,NULL,'المكان','Lieu','Place',NULL),
 ('event','city',5,'text',0,NULL,12,4,1,0,0,'auto',60,NULL,NULL,NULL,'المدينة','Ville','City',NULL),
 ('event','institution_id',6,'lookup',0,'institution',0,0,0,0,0,'auto',0,NULL,NULL,NULL,'المؤسسة','Établissement','Institution',NULL),
 ('event','organiser_id',7,'lookup',0,'partner',0,0,0,0,0,'auto',0,NULL,NULL,NULL,'المنظم','Organisateur','Organiser',NULL),
 ('event','agreement_id',8,'lookup',0,'agreement',0,0,0,0,0,'auto',0,NULL,NULL,NULL,'الاتفاقية','Convention','Agreement',NULL),
 ('event','programme_id',9,'lookup',0,'programme',0,0,0,0,0,'auto',0,NULL,NULL,NULL,'البرنامج','Programme','Programme',NULL),
 ('event','participants',10,'int',0,NULL,6,5,0,0,0,'ltr',0,0,1000000,NULL,'عدد المشاركين','Participants','Participants',NULL),
 ('event','notes',11,'longtext',0,NULL,0,0,0,0,0,'auto',4000,NULL,NULL,NULL,'ملاحظات','Notes','Notes',NULL);

-- ---- reference data: Morocco's 12 regions (2015) ------------------------------

INSERT INTO region(code, name_ar, name_fr, created_at, created_by, updated_at, updated_by, search_key) VALUES
 (1,'طنجة تطوان الحسيمة','Tanger-Tétouan-Al Hoceïma','2015-09-04 00:00:00','daftar','2015-09-04 00:00:00','daftar',NULL),
 (2,'الشرق','L''Oriental','2015-09-04 00:00:00','daftar','2015-09-04 00:00:00','daftar',NULL),
 (3,'فاس مكناس','Fès-Meknès','2015-09-04 00:00:00','daftar','2015-09-04 00:00:00','daftar',NULL),
 (4,'الرباط سلا القنيطرة','Rabat-Salé-Kénitra','2015-09-04 00:00:00','daftar','2015-09-04 00:00:00','daftar',NULL),
 (5,'بني ملال خنيفرة','Béni Mellal-Khénifra','2015-09-04 00:00:00','daftar','2015-09-04 00:00:00','daftar',NULL),
 (6,'الدار البيضاء سطات','Casablanca-Settat','2015-09-04 00:00:00','daftar','2015-09-04 00:00:00','daftar',NULL),
 (7,'مراكش آسفي','Marrakech-Safi','2015-09-04 00:00:00','daftar','2015-09-04 00:00:00','daftar',NULL),
 (8,'درعة تافيلالت','Drâa-Tafilalet','2015-09-04 00:00:00','daftar','2015-09-04 00:00:00','daftar',NULL),
 (9,'سوس ماسة','Souss-Massa','2015-09-04 00:00:00','daftar','2015-09-04 00:00:00','daftar',NULL),
 (10,'كلميم واد نون','Guelmim-Oued Noun','2015-09-04 00:00:00','daftar','2015-09-04 00:00:00','daftar',NULL),
 (11,'العيون الساقية الحمراء','Laâyoune-Sakia El Hamra','2015-09-04 00:00:00','daftar','2015-09-04 00:00:00','daftar',NULL),
 (12,'الداخلة وادي الذهب','Dakhla-Oued Ed-Dahab','2015-09-04 00:00:00','daftar','2015-09-04 00:00:00','daftar',NULL);
-- region search keys are filled by the store after migrating (it owns text_fold)
