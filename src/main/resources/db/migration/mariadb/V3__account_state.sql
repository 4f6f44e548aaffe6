-- an admin can disable an account: its login is refused while its credentials stay
ALTER TABLE user_login ADD COLUMN enabled BOOLEAN DEFAULT TRUE NOT NULL;
