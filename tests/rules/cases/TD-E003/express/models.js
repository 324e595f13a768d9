const { DataTypes, Sequelize } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL);

const Account = sequelize.define('Account', {
  displayName: DataTypes.STRING,
  plan: DataTypes.STRING,
  role: DataTypes.STRING,
});

module.exports = { Account };
