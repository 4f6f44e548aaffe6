CREATE TABLE user_info (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    mobile      VARCHAR(11)  NOT NULL,
    nickname    VARCHAR(32)  NOT NULL,
    roles       VARCHAR(200) NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    CONSTRAINT uk_user_info_mobile UNIQUE (mobile)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE user_login (
    user_id          BIGINT       NOT NULL PRIMARY KEY,
    mobile           VARCHAR(11)  NOT NULL,
    password_hash    VARCHAR(255) NOT NULL,
    last_login_at    DATETIME(6),
    last_login_stamp BIGINT,
    CONSTRAINT uk_user_login_mobile UNIQUE (mobile),
    CONSTRAINT fk_user_login_user FOREIGN KEY (user_id) REFERENCES user_info (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
