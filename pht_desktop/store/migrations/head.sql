CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO "alembic_version" VALUES('0008');
CREATE TABLE away_periods (
	id INTEGER NOT NULL, 
	started_at DATETIME NOT NULL, 
	seconds INTEGER NOT NULL, 
	answer VARCHAR(16) NOT NULL, 
	cause VARCHAR(16) NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE baseline_changes (
	id INTEGER NOT NULL, 
	effective_date DATE NOT NULL, 
	pain INTEGER NOT NULL, 
	source VARCHAR(16) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_baseline_pain CHECK (pain BETWEEN 0 AND 10)
);
CREATE TABLE break_prompts (
	id INTEGER NOT NULL, 
	fired_at DATETIME NOT NULL, 
	bout_seconds INTEGER NOT NULL, 
	response VARCHAR(16), 
	responded_at DATETIME, 
	seconds_stood INTEGER NOT NULL, 
	snoozes INTEGER NOT NULL, 
	deferrals INTEGER NOT NULL, 
	skip_reason TEXT NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE exercise_sessions (
	id INTEGER NOT NULL, 
	exercise_id INTEGER NOT NULL, 
	performed_at DATETIME NOT NULL, 
	local_date DATE NOT NULL, 
	load_kind VARCHAR(16) NOT NULL, 
	band_colour VARCHAR(32), 
	load_kg FLOAT, 
	effort_kind VARCHAR(8) NOT NULL, 
	effort_value INTEGER, 
	pain_during INTEGER, 
	note TEXT NOT NULL, 
	source VARCHAR(16) NOT NULL, 
	created_at DATETIME NOT NULL, 
	deleted_at DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_sess_pain CHECK (pain_during IS NULL OR pain_during BETWEEN 0 AND 10), 
	FOREIGN KEY(exercise_id) REFERENCES exercises (id)
);
CREATE TABLE exercises (
	id INTEGER NOT NULL, 
	slug VARCHAR(64), 
	name VARCHAR(120) NOT NULL, 
	stage INTEGER NOT NULL, 
	how_to TEXT NOT NULL, 
	dose_type VARCHAR(8) NOT NULL, 
	default_sets INTEGER NOT NULL, 
	default_reps INTEGER NOT NULL, 
	default_hold_s INTEGER, 
	default_rest_s INTEGER NOT NULL, 
	compressive BOOLEAN NOT NULL, 
	avoid_early BOOLEAN NOT NULL, 
	hsr BOOLEAN NOT NULL, 
	builtin BOOLEAN NOT NULL, 
	archived BOOLEAN NOT NULL, ladder_rungs INTEGER, ladder_step INTEGER, ladder_load_step_kg FLOAT, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_exercise_stage CHECK (stage BETWEEN 1 AND 5), 
	UNIQUE (slug)
);
INSERT INTO "exercises" VALUES(1,'standing-band-hip-extension-hold','Standing hip extension against a band',1,'Stand tall with a band behind the ankle and push the straight leg back a little, then hold at about 70 % effort. Keep the hip near neutral, not flexed.','hold',5,1,30,120,0,0,0,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(2,'prone-hip-extension-hold','Prone hip-extension hold',1,'Lie face down, bend the knee slightly and lift the thigh just off the floor, then hold at about 70 % effort.','hold',5,1,30,120,0,0,0,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(3,'bridge-hold-low-flexion','Bridge hold (low hip flexion)',1,'Lie on your back, heels on the floor well away from the hips, lift into a bridge and hold at about 70 % effort.','hold',5,1,30,120,0,0,0,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(4,'supine-heel-dig-hold','Supine heel-dig hold',1,'Lie on your back, knee slightly bent, and press the heel down and back into the floor at about 70 % effort.','hold',5,1,30,120,0,0,0,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(5,'wall-hamstring-isometric','Wall hamstring isometric',1,'Lie on your back with the heel on a wall and the knee bent, hip well short of 90°, and press the heel into the wall at about 70 % effort.','hold',5,1,30,120,0,0,0,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(6,'hsr-double-leg-bridge','Bridge (slow, loaded)',2,'Bridge up and down slowly, about 3 s each way, with a weight on the hips. Start near a 15-rep maximum.','reps',3,15,NULL,150,0,0,1,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(7,'hsr-single-leg-bridge','Single-leg bridge (slow)',2,'Bridge on one leg, about 3 s up and 3 s down, keeping the pelvis level.','reps',3,15,NULL,150,0,0,1,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(8,'hsr-prone-hamstring-curl','Prone hamstring curl',2,'Lying face down (machine or band), curl the heel up and lower it, about 3 s each way. Start near a 15-rep maximum.','reps',3,15,NULL,150,0,0,1,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(9,'hsr-rdl-limited-depth','Romanian deadlift to limited depth',2,'Hinge at the hips with soft knees, lowering the weight only to just above the knees, about 3 s each way.','reps',3,15,NULL,150,0,0,1,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(10,'single-leg-rdl','Single-leg Romanian deadlift',3,'Stand on one leg, knee soft, and hinge forward with a flat back only until your hands reach knee height (hip well short of 90°), then stand tall.','reps',3,8,NULL,120,0,0,1,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(11,'step-up','Step-up',3,'Step up onto a box about mid-shin high (hip well short of 90°), driving through the front heel, and step down slowly.','reps',3,8,NULL,120,0,0,0,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(12,'hip-thrust','Hip thrust',3,'Shoulders on a bench, weight across the hips, drive the hips up to neutral and lower slowly.','reps',3,8,NULL,120,0,0,1,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(13,'single-leg-hip-thrust','Single-leg hip thrust',3,'Shoulders on a bench, thrust up on one leg keeping the pelvis level, and lower slowly.','reps',3,8,NULL,120,0,0,0,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(14,'deep-rdl','Romanian deadlift, full depth',4,'Hinge with soft knees and lower the weight to mid-shin, as deep as the tendon tolerates, then stand tall.','reps',2,8,NULL,120,1,0,0,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(15,'walking-lunge','Walking lunge',4,'Take long steps forward, lowering the back knee toward the floor with the trunk leaning slightly forward.','reps',2,8,NULL,120,1,0,0,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(16,'rear-foot-elevated-split-squat','Rear-foot-elevated split squat',4,'Back foot on a bench, lower until the front hip is flexed beyond 90° and drive back up.','reps',2,8,NULL,120,1,0,0,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(17,'goblet-squat-full-depth','Goblet squat to full depth',4,'Hold a weight at the chest and squat until the hips pass below the knees, then stand.','reps',2,8,NULL,120,1,0,0,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(18,'run-walk','Run-walk',5,'Alternate 1 min of easy running with 1 min of walking on flat ground.','run',1,10,NULL,60,0,0,0,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(19,'continuous-run','Continuous easy run',5,'Run at an easy, conversational pace on flat ground.','run',1,1,NULL,0,0,0,0,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(20,'hill-strides','Hill strides',5,'Run up a gentle hill for about 15 s at a strong but relaxed effort; walk back down to recover.','run',1,6,NULL,90,1,0,0,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(21,'speed-intervals','Speed intervals',5,'Run about 200 m fast but controlled on flat ground, then walk or jog to recover.','run',1,6,NULL,120,0,0,0,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(22,'seated-toe-reach-stretch','Seated toe-reach hamstring stretch',5,'Sitting, knee straight, reach toward the toes. Avoid early: this compresses the tendon while stretching it.','hold',3,1,30,30,1,1,0,1,0,NULL,NULL,NULL);
INSERT INTO "exercises" VALUES(23,'seated-figure-four-stretch','Seated figure-four stretch',5,'Sitting, one ankle over the other knee, lean forward. Avoid early: this compresses the tendon while stretching it.','hold',3,1,30,30,1,1,0,1,0,NULL,NULL,NULL);
CREATE TABLE measures (
	id INTEGER NOT NULL, 
	kind VARCHAR(24) NOT NULL, 
	taken_on DATE NOT NULL, 
	value FLOAT, 
	reached_cap BOOLEAN NOT NULL, 
	left_reps INTEGER, 
	right_reps INTEGER, 
	painful_side VARCHAR(8), 
	tempo_s INTEGER, 
	note TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	deleted_at DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_measure_kind CHECK (kind IN ('sitting_tolerance', 'bridge', 'visa_h')), 
	CONSTRAINT ck_measure_value CHECK (value IS NULL OR value BETWEEN 0 AND 100)
);
CREATE TABLE morning_pain (
	id INTEGER NOT NULL, 
	entry_date DATE NOT NULL, 
	pain INTEGER NOT NULL, 
	test_kind VARCHAR(32) NOT NULL, 
	test_name VARCHAR(120) NOT NULL, 
	recorded_at DATETIME NOT NULL, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_morning_pain CHECK (pain BETWEEN 0 AND 10), 
	UNIQUE (entry_date)
);
CREATE TABLE pathology_stage_changes (
	id INTEGER NOT NULL, 
	effective_date DATE NOT NULL, 
	pathology_stage VARCHAR(16) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE prompt_deferrals (
	id INTEGER NOT NULL, 
	prompt_id INTEGER, 
	deferred_at DATETIME NOT NULL, 
	reason VARCHAR(16) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(prompt_id) REFERENCES break_prompts (id) ON DELETE SET NULL
);
CREATE TABLE runs (
	id INTEGER NOT NULL, 
	performed_at DATETIME NOT NULL, 
	local_date DATE NOT NULL, 
	duration_s INTEGER NOT NULL, 
	distance_km FLOAT, 
	style VARCHAR(16) NOT NULL, 
	hills BOOLEAN NOT NULL, 
	speed BOOLEAN NOT NULL, 
	pain_during INTEGER, 
	note TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	deleted_at DATETIME, source VARCHAR(8) DEFAULT 'manual' NOT NULL, source_name VARCHAR(255), source_sha256 VARCHAR(64), elapsed_s INTEGER, elevation_gain_m FLOAT, best_km_s FLOAT, fastest_pace_s_km FLOAT, steepest_grade FLOAT, flag_note TEXT DEFAULT '' NOT NULL, file_moving_s INTEGER, file_distance_km FLOAT, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_run_duration CHECK (duration_s > 0), 
	CONSTRAINT ck_run_pain CHECK (pain_during IS NULL OR pain_during BETWEEN 0 AND 10)
);
CREATE TABLE session_sets (
	id INTEGER NOT NULL, 
	session_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	reps INTEGER NOT NULL, 
	hold_seconds INTEGER, 
	rest_seconds INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(session_id) REFERENCES exercise_sessions (id) ON DELETE CASCADE, 
	UNIQUE (session_id, position)
);
CREATE TABLE settings (
	"key" VARCHAR(64) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
CREATE TABLE sitting_bouts (
	id INTEGER NOT NULL, 
	started_at DATETIME NOT NULL, 
	ended_at DATETIME, 
	seconds INTEGER NOT NULL, 
	source VARCHAR(16) NOT NULL, 
	end_reason VARCHAR(24), 
	manual_kind VARCHAR(16), 
	seat VARCHAR(8), 
	deleted_at DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_bout_seconds CHECK (seconds >= 0)
);
CREATE TABLE stage_changes (
	id INTEGER NOT NULL, 
	effective_date DATE NOT NULL, 
	stage INTEGER NOT NULL, 
	note TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_stage_range CHECK (stage BETWEEN 1 AND 5)
);
CREATE TABLE stands (
	id INTEGER NOT NULL, 
	started_at DATETIME NOT NULL, 
	seconds INTEGER NOT NULL, 
	source VARCHAR(16) NOT NULL, 
	ended_early BOOLEAN NOT NULL, 
	prompt_id INTEGER, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_stand_seconds CHECK (seconds >= 0), 
	FOREIGN KEY(prompt_id) REFERENCES break_prompts (id) ON DELETE SET NULL
);
CREATE TABLE test_changes (
	id INTEGER NOT NULL, 
	effective_date DATE NOT NULL, 
	test_kind VARCHAR(32) NOT NULL, 
	test_name VARCHAR(120) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_away_periods_started_at ON away_periods (started_at);
CREATE INDEX ix_baseline_changes_effective_date ON baseline_changes (effective_date);
CREATE INDEX ix_break_prompts_fired_at ON break_prompts (fired_at);
CREATE INDEX ix_exercises_stage ON exercises (stage);
CREATE INDEX ix_pathology_stage_changes_effective_date ON pathology_stage_changes (effective_date);
CREATE INDEX ix_runs_local_date ON runs (local_date);
CREATE INDEX ix_runs_performed_at ON runs (performed_at);
CREATE INDEX ix_sitting_bouts_started_at ON sitting_bouts (started_at);
CREATE INDEX ix_stage_changes_effective_date ON stage_changes (effective_date);
CREATE INDEX ix_test_changes_effective_date ON test_changes (effective_date);
CREATE INDEX ix_exercise_sessions_exercise_id ON exercise_sessions (exercise_id);
CREATE INDEX ix_exercise_sessions_local_date ON exercise_sessions (local_date);
CREATE INDEX ix_exercise_sessions_performed_at ON exercise_sessions (performed_at);
CREATE INDEX ix_prompt_deferrals_prompt_id ON prompt_deferrals (prompt_id);
CREATE INDEX ix_stands_started_at ON stands (started_at);
CREATE INDEX ix_session_sets_session_id ON session_sets (session_id);
CREATE INDEX ix_measures_taken_on ON measures (taken_on);
CREATE UNIQUE INDEX ux_measures_live_kind_day ON measures (kind, taken_on) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX ix_runs_source_sha256 ON runs (source_sha256);
