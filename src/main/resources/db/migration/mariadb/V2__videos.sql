CREATE TABLE video (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    title            VARCHAR(200)  NOT NULL,
    description      TEXT,
    duration_seconds INTEGER       NOT NULL,
    url              VARCHAR(2048) NOT NULL,
    owner_id         BIGINT        NOT NULL,
    created_at       DATETIME(6)   NOT NULL,
    updated_at       DATETIME(6)   NOT NULL,
    CONSTRAINT fk_video_owner FOREIGN KEY (owner_id) REFERENCES user_info (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- the public list: newest first, ties broken by id
CREATE INDEX ix_video_newest ON video (created_at DESC, id DESC);
CREATE INDEX ix_video_owner ON video (owner_id);
